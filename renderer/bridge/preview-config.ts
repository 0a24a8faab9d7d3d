// The preview's config check, loaded only in the preview frame: the draft the editor posts is
// parsed with the kiosk's own schema, so a draft the kiosk would refuse shows the kiosk's own
// "field: reason" page. Kept out of the kiosk's main bundle (zod is large, and a kiosk never
// previews).
import '../state/zod-csp.ts';
import { PublicKioskConfig, describeIssues, type FieldProblem } from '../../shared/config.ts';

export function checkPreviewConfig(
  data: unknown,
): { ok: true; config: PublicKioskConfig } | { ok: false; problems: FieldProblem[] } {
  const parsed = PublicKioskConfig.safeParse(data);
  return parsed.success
    ? { ok: true, config: parsed.data }
    : { ok: false, problems: describeIssues(parsed.error) };
}
