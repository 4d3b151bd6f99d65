// Words of the search benchmark's generated work chat, in French and English:
// people, clients, projects, and sentence templates with slots ({name},
// {client}, {day}…) filled by text.ts. The templates hold the words the
// benchmark searches for (réunion, budget, planning, livraison, facture,
// meeting, deadline, release, invoice…) at the uneven frequencies of real
// chat, French with its usual English borrowings (call, deadline, release),
// and the phrases it searches with quotes ("plan de charge", "action items");
// chatter without them makes up most of the text.
export type Lang = 'fr' | 'en';

export const FIRST_NAMES: Record<Lang, readonly string[]> = {
  fr: ['Amélie', 'Bruno', 'Chloé', 'Damien', 'Élodie', 'Farid', 'Gaëlle', 'Hugo', 'Inès', 'Jérôme', 'Karima', 'Léa', 'Maël', 'Nadia',
    'Océane', 'Pauline', 'Quentin', 'Rémi', 'Sébastien', 'Thaïs', 'Valérie', 'Yannick', 'Zoé', 'Anaïs', 'Benoît', 'Cécile', 'François', 'Hélène'],
  en: ['Alice', 'Ben', 'Charlotte', 'Daniel', 'Emily', 'Frank', 'Grace', 'Harry', 'Isla', 'Jack', 'Kate', 'Liam', 'Megan', 'Noah',
    'Olivia', 'Priya', 'Ryan', 'Sophie', 'Tom', 'Uma', 'Victor', 'Will', 'Zara', 'Aisha', 'Chris', 'Hannah', 'Omar', 'Rachel'],
};

export const LAST_NAMES: Record<Lang, readonly string[]> = {
  fr: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent',
    'Lefèvre', 'Michel', 'Garcia', 'Roux', 'Fournier', 'Girard', 'Bonnet', 'Mercier', 'Lemaître', 'Faure', 'Chevalier', 'Benoît'],
  en: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Wright', 'Walker', 'Thompson',
    'Evans', 'Roberts', 'Green', 'Hall', 'Clarke', 'Khan', 'Lewis', 'Young', "O'Brien", 'Murphy', 'Hughes', 'Edwards'],
};

export const CLIENTS = ['Dupont SA', 'Acme Corp', 'Boulangerie Martin', 'Groupe Rocher', 'Nordwind GmbH', 'Bâtiplus', 'Helios Energy', 'Crédit Mutuel',
  'Clinique Saint-Éloi', 'Northwind Traders', 'Globex', 'Initech', 'Mairie de Lyon', 'Hôtel Bellevue', 'Transports Vidal', 'Pharmacie Centrale',
  'Blue Harbor', 'Quantum Labs', 'Café Lumière', 'Société Générale Immobilier', 'Verdure & Co', 'Altitude Sports', 'Maison Léon', 'Oakridge Partners'];

export const PROJECTS = ['Atlas', 'Hermès', 'Phoenix', 'Orion', 'Mistral', 'Nova', 'Cassiopée', 'Everest', 'Pégase', 'Aurora', 'Zephyr', 'Titan',
  'Sirius', 'Odyssée', 'Lotus', 'Kraken'];

export const TEAMS: Record<Lang, readonly string[]> = {
  fr: ['compta', 'support', 'commerciale', 'produit', 'RH', 'juridique', 'logistique', 'marketing', 'infra', 'design'],
  en: ['finance', 'support', 'sales', 'product', 'HR', 'legal', 'ops', 'marketing', 'platform', 'design'],
};

export const DAYS: Record<Lang, readonly string[]> = {
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'demain', "aujourd'hui", 'la semaine prochaine', 'jeudi matin', 'vendredi aprèm'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'tomorrow', 'today', 'next week', 'Thursday morning', 'Friday afternoon'],
};

export const MONTHS: Record<Lang, readonly string[]> = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** Things people talk about at work, with their article. */
export const THINGS: Record<Lang, readonly string[]> = {
  fr: ['le budget', 'le planning', 'la livraison', 'la facture', 'le devis', 'le contrat', 'la roadmap', 'le compte-rendu', 'la démo',
    'le bilan', 'la présentation', 'le plan de charge', 'la recette', 'la mise en prod', 'le cahier des charges', 'le tableau de bord',
    'la note de frais', 'le point d\'étape', 'le rapport mensuel', 'la proposition commerciale', 'le recrutement', 'la formation'],
  en: ['the budget', 'the schedule', 'the delivery', 'the invoice', 'the quote', 'the contract', 'the roadmap', 'the meeting notes',
    'the demo', 'the report', 'the slide deck', 'the release notes', 'the test plan', 'the launch plan', 'the spec', 'the dashboard',
    'the expense report', 'the status update', 'the monthly report', 'the proposal', 'the hiring plan', 'the training'],
};

export const PROBLEMS: Record<Lang, readonly string[]> = {
  fr: ['le transporteur a du retard', 'il manque deux palettes', 'le fichier est corrompu', 'le client conteste le montant',
    'la validation juridique traîne', 'le fournisseur ne répond plus', 'les tests de recette échouent', 'on dépasse le budget'],
  en: ['the carrier is late', 'two pallets are missing', 'the file is corrupted', 'the customer disputes the amount',
    'legal sign-off is stuck', 'the supplier stopped answering', 'the regression tests fail', 'we are over budget'],
};

export const SHORT: Record<Lang, readonly string[]> = {
  fr: ['Ok pour moi 👍', 'Merci !', 'Je regarde ça.', 'Top, merci', 'Bien reçu.', "Je m'en occupe.", 'On en parle à la réunion ?', 'Ça marche',
    'Parfait', 'Bonne journée à tous', 'Je reviens vers toi', 'Vu, merci', 'Pas de souci', "D'accord", 'Je suis en réunion, je te rappelle', '😂', 'Bravo !'],
  en: ['Sounds good 👍', 'Thanks!', 'On it.', 'LGTM', 'Will do', "Let's discuss in the meeting", '+1', 'Got it, thanks', 'Perfect',
    'Have a good one', "I'll get back to you", 'Seen, thanks', 'No worries', 'Agreed', "In a meeting, I'll call you back", '😂', 'Well done!'],
};

/** Chat templates, [weight, text]. */
export const CHAT: Record<Lang, ReadonlyArray<readonly [number, string]>> = {
  fr: [
    [3, 'Bonjour à tous, la réunion de {day} est décalée à {time}.'],
    [5, '{name}, tu peux regarder {thing} avant {day} ?'],
    [4, 'Le client {client} demande une livraison pour le {date}.'],
    [4, 'Budget {project} : on est à {amount} sur {amount2} prévus.'],
    [3, "J'ai envoyé la facture {invoice} à {client}, en attente de paiement."],
    [2, 'Point sur le plan de charge de {month} : {status}.'],
    [4, 'Petit rappel : deadline pour {thing} {day} à {time}.'],
    [3, 'La release {version} part en prod {day}, merci de finir la recette.'],
    [4, 'Qui est dispo pour un call avec {client} {day} à {time} ?'],
    [2, 'Je serai en congé du {date} au {date2}, {name} me remplace.'],
    [2, 'Merci {name} pour le compte-rendu de la réunion !'],
    [3, 'On a un souci sur la livraison {project} : {problem}.'],
    [2, 'Le devis de {client} est validé, {amount} HT.'],
    [3, 'Quelqu\'un a le lien du planning {project} ?'],
    [2, 'Réunion annulée {day}, on se voit {day2}.'],
    [2, 'Rappel : comité de pilotage {project} {day} à {time}, salle {room}.'],
    [2, 'Le meeting avec {client} s\'est bien passé, ils valident la roadmap.'],
    [2, 'Je mets à jour le tableau de bord d\'ici {day}.'],
    [2, 'La note de frais de {month} est à rendre avant le {date}.'],
    [1, 'Bienvenue à {name} qui rejoint l\'équipe {team} !'],
    [2, 'Le serveur de préprod est tombé, {name} regarde.'],
    [2, 'Tu as les chiffres du trimestre ? Le budget marketing dépasse de {pct} %.'],
    [2, 'Je prépare {thing} pour le client {client}, retour prévu {day}.'],
    [2, 'Le planning de livraison est serré, on vise le {date} au plus tard.'],
    [1, 'Point d\'étape {project} : {status}, prochaine réunion {day}.'],
    [2, '{name} et {name2}, vous pouvez faire le point sur {thing} ?'],
    [1, 'La facture {invoice} est en retard de paiement, je relance {client}.'],
    [1, 'Le kickoff {project} est prévu {day}, ordre du jour à suivre.'],
    [1, 'Il faut revoir le plan de charge, l\'équipe {team} est saturée jusqu\'en {month}.'],
  ],
  en: [
    [3, 'Hi all, the {day} meeting moved to {time}.'],
    [5, '{name}, can you review {thing} before {day}?'],
    [4, '{client} is asking for delivery by {date}.'],
    [4, 'Budget for {project}: we are at {amount} out of {amount2}.'],
    [3, 'Sent invoice {invoice} to {client}, waiting for payment.'],
    [4, 'Quick reminder: the deadline for {thing} is {day} at {time}.'],
    [3, 'Release {version} ships {day}, please finish the regression tests.'],
    [4, "Who's free for a call with {client} {day} at {time}?"],
    [2, "I'll be out from {date} to {date2}, {name} is covering."],
    [2, 'Thanks {name} for the meeting notes!'],
    [2, 'Action items from the {project} standup: {status}.'],
    [2, 'Next sprint planning is {day} at {time}.'],
    [2, 'The customer signed the contract, {amount} per year.'],
    [3, 'We have an issue with the {project} delivery: {problem}.'],
    [2, 'Meeting cancelled {day}, see you {day2}.'],
    [2, 'Heads up: the staging server is down, {name} is looking into it.'],
    [1, 'Welcome {name} to the {team} team!'],
    [2, 'Expense reports for {month} are due {date}.'],
    [2, 'Q{quarter} numbers are in: the marketing budget is {pct}% over.'],
    [3, 'Can someone share the link to the {project} roadmap?'],
    [2, "I'm preparing {thing} for {client}, expect it {day}."],
    [2, 'The delivery schedule is tight, we aim for {date} at the latest.'],
    [1, '{name} and {name2}, can you sync on {thing}?'],
    [1, 'Invoice {invoice} is overdue, I am chasing {client}.'],
    [1, 'The {project} kickoff is {day}, agenda to follow.'],
    [2, 'Status update on {project}: {status}, next meeting {day}.'],
  ],
};

/**
 * Everything else people write at work, without the searched words, so that
 * those are as common as in real chat (a few % of messages), not in every other message.
 */
export const CHATTER: Record<Lang, readonly string[]> = {
  fr: ["Quelqu'un veut un café ?", 'Je suis en télétravail {day}.', "Le wifi ne marche plus au {floor} étage, quelqu'un a prévenu {name} ?",
    'Bon appétit tout le monde !', 'Je pars plus tôt {day}, je reste joignable sur mon portable.', "Tu peux m'envoyer le lien du document partagé ?",
    "Je viens de mettre à jour le wiki de l'équipe {team}.", "Le train est en retard, j'arrive dans {minutes} minutes.",
    "Qui s'occupe de la commande de fournitures ce mois-ci ?", 'Pensez à remplir le sondage sur le télétravail avant {day}.',
    'La salle {room} est réservée toute la matinée.', "Super boulot sur {project}, bravo à toute l'équipe !",
    "J'ai un bug bizarre sur mon poste, {name} tu as deux minutes ?", 'Le pot de départ de {name} est {day} à {time}.',
    'Je relis ton document et je te fais un retour {day}.', 'Il y a des viennoiseries dans la cuisine 🥐', 'Mon ordinateur redémarre tout seul depuis ce matin.',
    "On a reçu les nouveaux badges, passez à l'accueil.", "Est-ce que quelqu'un a une idée pour le nom du projet ?", 'Je suis d\'accord avec {name} sur ce point.',
    "Je n'ai pas accès au dossier partagé {project}, qui peut m'ajouter ?", "{name} est absente aujourd'hui.", 'Le parking sera fermé {day} pour travaux.',
    "Qui vient au déjeuner d'équipe {day} ?", "J'ai mis les slides dans le dossier {project}.", "Les chiffres de {month} sont en ligne sur l'intranet.",
    'Attention, la mise à jour du VPN est prévue {day} soir.', 'Je cherche un volontaire pour présenter au prochain afterwork.',
    "Merci de badger en arrivant, la sécurité a relancé.", 'Quel est le mot de passe du wifi invités ?'],
  en: ['Anyone up for coffee?', "I'm working from home {day}.", 'The wifi is down on the {floor} floor, has anyone told {name}?', 'Enjoy your lunch everyone!',
    "I'm leaving early {day}, still reachable on my phone.", 'Can you send me the link to the shared doc?', 'Just updated the {team} team wiki.',
    "Train's late, I'll be there in {minutes} minutes.", "Who's ordering office supplies this month?", 'Please fill in the remote work survey before {day}.',
    'Room {room} is booked all morning.', 'Great job on {project}, well done everyone!', "I've got a weird bug on my laptop, {name} do you have two minutes?",
    "{name}'s leaving drinks are {day} at {time}.", "I'll read your doc and get back to you {day}.", 'There are pastries in the kitchen 🥐',
    'My laptop keeps rebooting since this morning.', 'The new badges are in, pick yours up at reception.', 'Does anyone have an idea for the project name?',
    'I agree with {name} on this one.', "I can't access the {project} shared folder, who can add me?", '{name} is off sick today.',
    'The car park is closed {day} for works.', "Who's coming to the team lunch {day}?", 'I put the slides in the {project} folder.',
    'The {month} figures are on the intranet.', 'Heads up, the VPN update is scheduled for {day} evening.', "Looking for a volunteer to present at the next social.",
    'Please badge in when you arrive, security asked again.', "What's the guest wifi password?"],
};

export const STATUS: Record<Lang, readonly string[]> = {
  fr: ['tout est dans les temps', 'on a deux jours de retard', 'la recette est terminée', 'en attente du client', 'ok côté budget',
    'il reste trois tickets bloquants', 'validé par le comité', 'livraison partielle faite'],
  en: ['everything is on track', 'we are two days late', 'testing is done', 'waiting on the customer', 'budget is fine',
    'three blockers left', 'approved by the steering committee', 'partial delivery done'],
};

/** Opening lines of feed posts. */
export const POST_TITLES: Record<Lang, readonly string[]> = {
  fr: ['**Compte-rendu de la réunion {project}**', '**Bilan du mois de {month}**', 'Annonce : nouvelle organisation de l\'équipe {team}',
    '**Planning des livraisons {project}**', 'Retour sur le séminaire de {month}', 'Rappel sur les notes de frais', '**Budget {year} : où en est-on ?**',
    'Nouvelle release {version} disponible', 'Bienvenue à nos nouveaux collègues', 'Point d\'étape {project}'],
  en: ['**Meeting notes: {project}**', '**{month} recap**', 'Announcement: new structure for the {team} team', '**{project} delivery schedule**',
    'Looking back at the {month} offsite', 'Reminder about expense reports', '**{year} budget: where are we?**', 'Release {version} is out',
    'Please welcome our new colleagues', '{project} status update'],
};

export const FILE_STEMS: Record<Lang, readonly string[]> = {
  fr: ['Compte-rendu réunion', 'Budget', 'Planning', 'Facture', 'Devis', 'Contrat', 'Présentation', 'Plan de charge', 'Cahier des charges',
    'Bilan', 'Note de frais', 'Organigramme', 'Procédure', 'Rapport mensuel'],
  en: ['Meeting notes', 'Budget', 'Schedule', 'Invoice', 'Quote', 'Contract', 'Slides', 'Capacity plan', 'Spec', 'Annual report',
    'Expense report', 'Org chart', 'Runbook', 'Monthly report'],
};

export const FILE_TYPES: ReadonlyArray<readonly [string, string]> = [
  ['pdf', 'application/pdf'], ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], ['pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
  ['png', 'image/png'], ['jpg', 'image/jpeg'], ['txt', 'text/plain'], ['csv', 'text/csv'],
];
