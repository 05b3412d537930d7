/** The antagonist settings of one scenario: the report's fields. */
export interface ScenarioSettings {
  readonly name: string;
  readonly loss: number;
  readonly balance: number;
  readonly heavy: number;
  readonly frequency: number;
  readonly duration: number;
}

/**
 * The report's four scenarios, with its values: low or heavy intensity
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
