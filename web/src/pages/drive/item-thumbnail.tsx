// What stands before an item's name: its thumbnail when the server makes one
// (images), else the icon of its kind. A thumbnail that fails to load falls
// back to the icon.
import { useState } from 'react';
import { previewUrl } from '../../api/drive';
import type { DriveItem } from '../../api/drive-types';
import { FileIcon } from './file-icon';
import { mediaKind } from './media-kind';

export function ItemThumbnail({ slug, item, size = 36 }: { slug: string; item: DriveItem; size?: number }) {
  const [failed, setFailed] = useState(false);
  const kind = mediaKind(item);
  if (item.preview && !failed) {
    return (
      <img
        className="item-thumbnail"
        src={previewUrl(slug, item.id, item.version)}
        width={size}
        height={size}
        loading="lazy"
        alt=""
        data-testid="thumbnail"
        onError={() => setFailed(true)}
      />
    );
  }
  return <FileIcon kind={kind} size={size} />;
}
