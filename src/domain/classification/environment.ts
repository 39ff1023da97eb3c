import { AppError, unknownValueMessage } from '../errors/index.js';

export const ENVIRONMENTS = ['production', 'staging', 'development', 'all'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

const ALIASES: Record<string, Environment> = {
  production: 'production', prod: 'production',
  staging: 'staging', stage: 'staging',
  development: 'development', dev: 'development',
  all: 'all',
};

export function findEnvironment(input: string): Environment | undefined {
  return ALIASES[input.trim().toLowerCase()];
}

export function parseEnvironment(input: string): Environment {
  const found = findEnvironment(input);
  if (found !== undefined) return found;
  throw new AppError('VALIDATION', unknownValueMessage('environment', input, ENVIRONMENTS, Object.keys(ALIASES)), {
    issues: [{ path: 'environment', message: `unknown environment '${input}'` }],
  });
}
