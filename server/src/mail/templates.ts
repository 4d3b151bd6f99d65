// The emails Ruche sends, in French and English. Plain text only: nothing to
// sanitise, nothing for a mail client to render unexpectedly.
export type Locale = 'fr' | 'en';

export interface Email {
  subject: string;
  text: string;
}

export const emails = {
  invitation(locale: Locale, v: { instanceName: string; inviterName: string; link: string; expiresAt: Date }): Email {
    const date = v.expiresAt.toISOString().slice(0, 16).replace('T', ' ');
    return locale === 'fr'
      ? { subject: `${v.inviterName} vous invite à rejoindre ${v.instanceName} sur Ruche`,
          text: `Bonjour,\n\n${v.inviterName} vous invite à rejoindre l'espace « ${v.instanceName} » sur Ruche.\n\nAcceptez l'invitation ici : ${v.link}\n\nCe lien expire le ${date} UTC et ne peut servir qu'une fois.\n` }
      : { subject: `${v.inviterName} invited you to join ${v.instanceName} on Ruche`,
          text: `Hello,\n\n${v.inviterName} invited you to join the "${v.instanceName}" workspace on Ruche.\n\nAccept the invitation here: ${v.link}\n\nThis link expires on ${date} UTC and works only once.\n` };
  },
  passwordReset(locale: Locale, v: { link: string; minutes: number }): Email {
    return locale === 'fr'
      ? { subject: 'Réinitialisation de votre mot de passe Ruche',
          text: `Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien dans les ${v.minutes} minutes :\n${v.link}\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.\n` }
      : { subject: 'Reset your Ruche password',
          text: `Hello,\n\nTo choose a new password, open this link within ${v.minutes} minutes:\n${v.link}\n\nIf you did not ask for this, ignore this message: your password stays unchanged.\n` };
  },
};
