// Which alerts a staff member may see and act on: their own locations; managers and admins, all.
import type { StaffAlert } from '../../shared/staff-api.ts';

export function canSee(locations: string[] | 'all', alert: Pick<StaffAlert, 'location'>): boolean {
  return locations === 'all' || locations.includes(alert.location);
}
