// Loads what a profile page needs at once: the person's profile and the
// instance's custom field definitions.
import { fetchProfile, listProfileFields } from '../../api/people';
import type { Profile, ProfileField } from '../../api/people-types';
import { useResource, type ResourceHandle } from '../../hooks/use-resource';

export interface PersonData {
  profile: Profile;
  fields: ProfileField[];
}

export function usePerson(slug: string, userId: string): ResourceHandle<PersonData> {
  return useResource(async () => {
    const [profile, fields] = await Promise.all([fetchProfile(slug, userId), listProfileFields(slug)]);
    return { profile, fields: fields.items };
  }, `person-${slug}-${userId}`);
}
