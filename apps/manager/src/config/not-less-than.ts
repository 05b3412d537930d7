import {
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';

/**
 * The decorated number must not be below another property of the same
 * object, e.g. a backoff maximum below its base.
 */
export function NotLessThan(property: string, options?: ValidationOptions) {
  return (target: object, propertyName: string): void => {
    registerDecorator({
      name: 'notLessThan',
      target: target.constructor,
      propertyName,
      constraints: [property],
      options: {
        message: ({ constraints }: ValidationArguments) =>
          `must not be less than ${constraints[0]}`,
        ...options,
      },
      validator: {
        validate(value: unknown, { object, constraints }: ValidationArguments): boolean {
          const other = (object as Record<string, unknown>)[constraints[0]];

          return typeof value !== 'number' || typeof other !== 'number' || value >= other;
        },
      },
    });
  };
}
