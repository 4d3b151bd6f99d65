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

export interface DigestItem {
  kind: string;
  actorName: string | null;
  groupName: string | null;
}

const DIGEST_LINES: Record<Locale, Record<string, (who: string, where: string) => string>> = {
  en: {
    mention: (who, where) => `${who} mentioned you${where ? ` in ${where}` : ''}`,
    comment: (who, where) => `${who} commented on your post${where ? ` in ${where}` : ''}`,
    reply: (who, where) => `${who} replied to your comment${where ? ` in ${where}` : ''}`,
    reaction: (who, where) => `${who} reacted to your post${where ? ` in ${where}` : ''}`,
    group_invitation: (who, where) => `${who} invited you to the group ${where}`,
    join_request: (who, where) => `${who} asked to join ${where}`,
    join_approved: (who, where) => `${who} let you into ${where}`,
  },
  fr: {
    mention: (who, where) => `${who} vous a mentionné${where ? ` dans ${where}` : ''}`,
    comment: (who, where) => `${who} a commenté votre publication${where ? ` dans ${where}` : ''}`,
    reply: (who, where) => `${who} a répondu à votre commentaire${where ? ` dans ${where}` : ''}`,
    reaction: (who, where) => `${who} a réagi à votre publication${where ? ` dans ${where}` : ''}`,
    group_invitation: (who, where) => `${who} vous a invité dans le groupe ${where}`,
    join_request: (who, where) => `${who} demande à rejoindre ${where}`,
    join_approved: (who, where) => `${who} vous a accepté dans ${where}`,
  },
};

export function digestEmail(locale: Locale, v: { instanceName: string; items: DigestItem[]; total: number; link: string; unsubscribeLink: string }): Email {
  const someone = locale === 'fr' ? 'Quelqu’un' : 'Someone';
  const lines = v.items.map((item) => `- ${(DIGEST_LINES[locale][item.kind] ?? DIGEST_LINES[locale].mention!)(item.actorName ?? someone, item.groupName ?? '')}`);
  const more = v.total - v.items.length;
  if (locale === 'fr') {
    return {
      subject: `${v.total} notification${v.total > 1 ? 's' : ''} non lue${v.total > 1 ? 's' : ''} dans ${v.instanceName}`,
      text: `Bonjour,\n\nVoici ce qui s'est passé dans « ${v.instanceName} » pendant votre absence :\n\n${lines.join('\n')}${more > 0 ? `\n… et ${more} de plus.` : ''}\n\nTout lire : ${v.link}\n\nNe plus recevoir ces résumés : ${v.unsubscribeLink}\n`,
    };
  }
  return {
    subject: `${v.total} unread notification${v.total > 1 ? 's' : ''} in ${v.instanceName}`,
    text: `Hello,\n\nHere is what happened in "${v.instanceName}" while you were away:\n\n${lines.join('\n')}${more > 0 ? `\n… and ${more} more.` : ''}\n\nRead them all: ${v.link}\n\nStop these digests: ${v.unsubscribeLink}\n`,
  };
}
