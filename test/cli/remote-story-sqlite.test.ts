// The whole CLI story, locally and with --api against `serve` on SQLite, compared byte for byte.
import { describeLocalOnlyRefusals, describeRemoteStory } from './remote-story.js';

describeRemoteStory('sqlite');
describeLocalOnlyRefusals();
