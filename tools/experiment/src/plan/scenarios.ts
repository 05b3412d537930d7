export { REPORT_SCENARIOS, type ScenarioSettings } from '@hms/contracts';
