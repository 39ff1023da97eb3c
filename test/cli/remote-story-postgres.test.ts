// The whole CLI story, locally and with --api against `serve` on PostgreSQL, compared byte for byte.
import { describeRemoteStory } from './remote-story.js';

describeRemoteStory('postgres');
