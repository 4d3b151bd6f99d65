// Uploads as a list of rows, each with its own cancel, retry and conflict
// choices: all of the page's in the upload panel, a file's new versions in
// its versions dialog.
import { UploadRow } from './upload-row';
import type { UploadQueue, UploadTask } from './upload-queue';

export function UploadList({ tasks, queue }: { tasks: UploadTask[]; queue: UploadQueue }) {
  return (
    <ul className="upload-list">
      {tasks.map((task) => (
        <UploadRow
          key={task.id}
          task={task}
          onCancel={() => queue.cancel(task.id)}
          onRetry={() => queue.retry(task.id)}
          onResolve={(choice) => queue.resolveConflict(task.id, choice)}
        />
      ))}
    </ul>
  );
}
