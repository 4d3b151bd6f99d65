// Request and response schemas of the drive routes (docs/drive.md).
import { Type } from 'typebox';
import { Slug } from '../instances/schemas.ts';

const Id = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Person = Type.Object({ id: Id, displayName: Type.String() });
const Bytes = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

/** 'me', or 'group:<id>'. Items of other people's drives (shared with the reader) say 'user:<id>'. */
export const DriveRefSchema = Type.String({ pattern: '^(me|group:[0-9a-f-]{36})$', description: "'me' (my drive) or 'group:<groupId>'" });
// Names are cleaned server-side (names.ts); the schema only bounds them and refuses NUL.
const Name = Type.String({ minLength: 1, maxLength: 1000, pattern: '^[^\\u0000]*$' });
const OnConflictSchema = Type.Union([Type.Literal('fail'), Type.Literal('version'), Type.Literal('rename')], {
  description: "When the folder already holds this name: 'fail' (409, the default), 'version' (add a version to that file) or 'rename' (\"name (2)\")",
});

export const ItemParams = Type.Object({ slug: Slug, itemId: Id }, { additionalProperties: false });
export const VersionParams = Type.Object({ slug: Slug, itemId: Id, versionId: Id }, { additionalProperties: false });
export const ShareParams = Type.Object({ slug: Slug, itemId: Id, shareId: Id }, { additionalProperties: false });
export const UploadParams = Type.Object({ slug: Slug, uploadId: Id }, { additionalProperties: false });
export const PartParams = Type.Object({ slug: Slug, uploadId: Id, index: Type.Integer({ minimum: 0, maximum: 100_000 }) }, { additionalProperties: false });

export const DriveItem = Type.Object({
  id: Id,
  kind: Type.Union([Type.Literal('folder'), Type.Literal('file')]),
  name: Type.String(),
  parentId: Type.Union([Id, Type.Null()]),
  drive: Type.String({ description: "'me', 'group:<id>' or, for a file shared with me, 'user:<owner id>'" }),
  size: Bytes,
  mediaType: Type.Union([Type.String(), Type.Null()], { description: 'Sniffed from the content' }),
  version: Type.Union([Type.Integer(), Type.Null()]),
  preview: Type.Boolean({ description: 'A thumbnail is available at …/preview' }),
  createdAt: DateTime,
  updatedAt: DateTime,
  updatedBy: Type.Union([Person, Type.Null()]),
  trashedAt: Type.Union([DateTime, Type.Null()]),
  permissions: Type.Object({
    edit: Type.Boolean({ description: 'Rename and upload new versions' }),
    manage: Type.Boolean({ description: 'Move, delete and share' }),
  }),
});

export const DriveItemDetail = Type.Object({
  ...DriveItem.properties,
  path: Type.Array(Type.Object({ id: Id, name: Type.String() }), { description: 'Folders from the root to the parent' }),
});

export const FolderQuery = Type.Object({
  drive: DriveRefSchema,
  folderId: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });

export const FolderPage = Type.Object({
  drive: Type.Object({ ref: Type.String(), name: Type.String(), canWrite: Type.Boolean() }),
  folder: Type.Union([DriveItemDetail, Type.Null()]),
  items: Type.Array(DriveItem),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const ItemList = Type.Object({ items: Type.Array(DriveItem) });
export const TrashQuery = Type.Object({ drive: DriveRefSchema }, { additionalProperties: false });

export const CreateFolderBody = Type.Object({
  drive: DriveRefSchema,
  parentId: Type.Optional(Type.Union([Id, Type.Null()])),
  name: Name,
}, { additionalProperties: false });

export const UploadQuery = Type.Object({
  drive: DriveRefSchema,
  parentId: Type.Optional(Id),
  name: Name,
  onConflict: Type.Optional(OnConflictSchema),
}, { additionalProperties: false });

export const UpdateItemBody = Type.Object({
  name: Type.Optional(Name),
  parentId: Type.Optional(Type.Union([Id, Type.Null()], { description: 'Move into this folder of the same drive; null: the root' })),
}, { additionalProperties: false, minProperties: 1 });

export const CopyBody = Type.Object({
  drive: Type.Optional(DriveRefSchema),
  parentId: Type.Optional(Type.Union([Id, Type.Null()])),
  name: Type.Optional(Name),
}, { additionalProperties: false });

export const ContentQuery = Type.Object({
  disposition: Type.Optional(Type.Union([Type.Literal('inline'), Type.Literal('attachment')], { description: "'inline' shows images, PDF and text in the browser; anything else is always an attachment" })),
}, { additionalProperties: false });

export const Version = Type.Object({
  id: Id,
  number: Type.Integer(),
  size: Bytes,
  mediaType: Type.String(),
  createdAt: DateTime,
  uploadedBy: Type.Union([Person, Type.Null()]),
  current: Type.Boolean(),
});
export const VersionList = Type.Object({ versions: Type.Array(Version) });

const Role = Type.Union([Type.Literal('viewer'), Type.Literal('editor')]);
export const Share = Type.Object({
  id: Id,
  user: Type.Union([Person, Type.Null()]),
  group: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
  role: Role,
  createdAt: DateTime,
});
export const ShareList = Type.Object({ shares: Type.Array(Share) });
export const ShareBody = Type.Object({
  userId: Type.Optional(Id),
  groupId: Type.Optional(Id),
  role: Role,
}, { additionalProperties: false });

export const Usage = Type.Object({
  usedBytes: Bytes,
  quotaBytes: Type.Union([Bytes, Type.Null()]),
  instanceUsedBytes: Bytes,
  instanceQuotaBytes: Type.Union([Bytes, Type.Null()]),
  maxFileBytes: Bytes,
  trashDays: Type.Integer(),
});

export const CreateUploadBody = Type.Object({
  drive: Type.Optional(DriveRefSchema),
  parentId: Type.Optional(Type.Union([Id, Type.Null()])),
  itemId: Type.Optional(Type.String({ format: 'uuid', description: 'Upload a new version of this file instead of a new file' })),
  name: Name,
  size: Bytes,
}, { additionalProperties: false });

export const Upload = Type.Object({
  id: Id,
  name: Type.String(),
  size: Bytes,
  received: Bytes,
  nextPart: Type.Integer({ description: 'Number of the next part to send (parts are sent in order)' }),
  maxPartBytes: Bytes,
  expiresAt: DateTime,
});

export const CompleteUploadQuery = Type.Object({ onConflict: Type.Optional(OnConflictSchema) }, { additionalProperties: false });
