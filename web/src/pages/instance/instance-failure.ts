// Sorts the ways loading an instance can fail into what the page shows.
import { ApiError } from '../../api/problem';
import type { UnavailableReason } from './instance-unavailable';

export type InstanceFailure = UnavailableReason | 'signed-out' | 'other';

export function classifyInstanceFailure(error: unknown): InstanceFailure {
  if (!(error instanceof ApiError)) return 'other';
  if (error.code === 'instance_suspended') return 'suspended';
  if (error.status === 401) return 'signed-out';
  if (error.status === 404) return 'not-found';
  if (error.status === 403) return 'forbidden';
  return 'other';
}
