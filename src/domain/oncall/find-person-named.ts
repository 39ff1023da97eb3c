import type { Person } from './person.js';

/** The person a caller's name stands for: by id, else by name (case-insensitive). */
export function findPersonNamed(name: string, people: readonly Person[]): Person | undefined {
  const wanted = name.trim().toLowerCase();
  return people.find((p) => p.id.toLowerCase() === wanted) ?? people.find((p) => p.name.toLowerCase() === wanted);
}
