// The buildx drivers a builder can run on: named by inputs, resolved and used by buildx/.
export const DRIVERS = ['auto', 'docker-container', 'docker', 'remote', 'kubernetes'] as const;

export type Driver = (typeof DRIVERS)[number];
/** A driver buildx knows: `auto` resolved (see buildx/engine.ts). */
export type ConcreteDriver = Exclude<Driver, 'auto'>;
