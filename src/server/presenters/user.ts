/** The signed-in user as the API shows it to that user. */
import type { FieldCipher } from '../crypto/fieldCipher.js';
import type { SessionUser } from '../services/sessions.js';

export function presentMe(user: Pick<SessionUser, 'id' | 'roles' | 'displayName' | 'emailEnc'>, cipher: FieldCipher) {
  return {
    id: user.id,
    email: cipher.openText(user.emailEnc, `user:${user.id}`),
    displayName: user.displayName,
    roles: user.roles,
  };
}
