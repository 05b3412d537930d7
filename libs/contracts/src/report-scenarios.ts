import type { AntagonistSettingsDto } from './commands';

/** The settings of one antagonist scenario: the report's `conf_antagonist` fields. */
export type ScenarioSettings = Readonly<AntagonistSettingsDto>;

/**
 * The report's four attack scenarios, with its values: low or heavy intensity
 * (attack probability and loss duration) times low or high frequency.
 */
export const REPORT_SCENARIOS: readonly ScenarioSettings[] = [
  { name: 'test_low_low', loss: 80, balance: 70, heavy: 25, frequency: 1, duration: 5 },
  {
    name: 'test_low_high',
    loss: 80,
    balance: 70,
    heavy: 25,
    frequency: 0.1,
    duration: 5,
  },
  { name: 'test_high_low', loss: 80, balance: 70, heavy: 90, frequency: 1, duration: 20 },
  {
    name: 'test_high_high',
    loss: 80,
    balance: 70,
    heavy: 90,
    frequency: 0.1,
    duration: 20,
  },
];

/** test_low_low, the gentlest of them: what tests configure when any valid scenario will do. */
export const TEST_LOW_LOW: ScenarioSettings = REPORT_SCENARIOS[0];
