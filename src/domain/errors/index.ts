// Error codes and the typed error every layer throws; "did you mean" for mistyped words.
export { AppError, ERROR_CODES, isAppError, assertNever } from './app-error.js';
export type { ErrorCode, Issue } from './app-error.js';
export { didYouMean, unknownValueMessage } from './did-you-mean.js';
export { findNulCharacter, nulCharacterError, refuseNulCharacters, replaceNulCharacters } from './nul-character.js';
