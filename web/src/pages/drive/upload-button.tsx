// "Upload files": a real file input (so keyboards, screen readers and tests
// use it as one) dressed as a button.
import { useT } from '../../i18n/i18n-context';

interface UploadButtonProps {
  onFiles: (files: File[]) => void;
  label?: string;
  multiple?: boolean;
  variant?: 'primary' | 'secondary';
}

export function UploadButton({ onFiles, label, multiple = true, variant = 'primary' }: UploadButtonProps) {
  const t = useT();
  return (
    <label className={`button button-${variant} file-button`}>
      <input
        type="file"
        className="visually-hidden"
        multiple={multiple}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // Choosing the same file again must fire a change too.
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      <span aria-hidden="true">↑</span>
      {label ?? t('drive.upload.button')}
    </label>
  );
}
