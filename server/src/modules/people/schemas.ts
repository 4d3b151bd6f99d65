// Request and response schemas of the people routes.
import { Type } from 'typebox';
import { Slug } from '../instances/schemas.ts';
import { RoleSchema } from '../instances/presenters.ts';

const Id = Type.String({ format: 'uuid' });
export const FieldTypeSchema = Type.Union([Type.Literal('text'), Type.Literal('choice'), Type.Literal('date')]);
const Label = Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' });
const Choices = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50, uniqueItems: true });
const EditableBy = Type.Union([Type.Literal('user'), Type.Literal('admin')]);

export const PersonParams = Type.Object({ slug: Slug, userId: Id }, { additionalProperties: false });
export const FieldParams = Type.Object({ slug: Slug, fieldId: Id }, { additionalProperties: false });

export const DirectoryQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  department: Type.Optional(Type.String({ maxLength: 100 })),
  location: Type.Optional(Type.String({ maxLength: 100 })),
  jobTitle: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
  // A cursor carries a lower-cased name (up to 200 UTF-16 units: 4 bytes per pair, 6 for a JSON-escaped control
  // character) and an id, in base64: a name in a non-Latin script easily exceeds a few hundred characters.
  cursor: Type.Optional(Type.String({ maxLength: 1700 })),
}, { additionalProperties: false });

export const UpdateProfileBody = Type.Object({
  jobTitle: Type.Optional(Type.String({ maxLength: 100 })),
  department: Type.Optional(Type.String({ maxLength: 100 })),
  location: Type.Optional(Type.String({ maxLength: 100 })),
  about: Type.Optional(Type.String({ maxLength: 2000 })),
  fields: Type.Optional(Type.Record(Type.String({ format: 'uuid' }), Type.Union([Type.String({ maxLength: 500 }), Type.Null()]))),
}, { additionalProperties: false, minProperties: 1 });

export const CreateFieldBody = Type.Object({
  label: Label,
  type: FieldTypeSchema,
  choices: Type.Optional(Choices),
  required: Type.Optional(Type.Boolean()),
  editableBy: Type.Optional(EditableBy),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
}, { additionalProperties: false });

export const UpdateFieldBody = Type.Object({
  label: Type.Optional(Label),
  choices: Type.Optional(Choices),
  required: Type.Optional(Type.Boolean()),
  editableBy: Type.Optional(EditableBy),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
}, { additionalProperties: false, minProperties: 1 });

export const ProfileFieldSchema = Type.Object({
  id: Id, label: Type.String(), type: FieldTypeSchema, choices: Type.Array(Type.String()),
  required: Type.Boolean(), editableBy: EditableBy, position: Type.Integer(),
});
export const ProfileFieldList = Type.Object({ items: Type.Array(ProfileFieldSchema) });

export const PersonSummary = Type.Object({
  userId: Id, displayName: Type.String(), jobTitle: Type.String(), department: Type.String(), location: Type.String(),
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
});
export const Directory = Type.Object({ items: Type.Array(PersonSummary), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const Profile = Type.Object({
  userId: Id, displayName: Type.String(), email: Type.String(), role: RoleSchema,
  jobTitle: Type.String(), department: Type.String(), location: Type.String(), about: Type.String(),
  fields: Type.Record(Type.String(), Type.String()),
  missingRequired: Type.Array(Id),
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
  canEdit: Type.Boolean(),
  following: Type.Boolean({ description: 'Whether I follow this person' }),
});
