// Search end to end: French and English stemming, accents, prefixes while
// typing, phrases and exclusions; a result only when the searcher can open it
// now (secret groups, left groups and conversations, deleted messages,
// revoked shares, trashed files, guests, other instances); the index current
// in the writing transaction; trigram matching of people and groups; filters;
// safe snippets; and bad input answered, never a 500.
import assert from 'node:assert/strict';
import { strToU8, zipSync } from 'fflate';
import { after, before, describe, test } from 'node:test';
import { extractPendingTexts } from '../../src/modules/search/extraction.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { buildWorld, type Person, type World } from '../support/world.ts';
import { addMember, addToGroup, makeGroup } from '../feed/fixtures.ts';
import { conversationUrl, direct, groupChat, messagesUrl, messageUrl } from '../chat/fixtures.ts';
import { driveUrl, uploaded } from '../drive/fixtures.ts';

let h: Harness;
let world: World;
let ann: Person;
let bob: Person;
let cat: Person;
let guest: Person;
let open: string;
let secret: string;
let team: string;

before(async () => {
  h = await startHarness();
  world = await buildWorld(h);
  ann = world.alpha.people.member;
  guest = world.alpha.people.guest;
  bob = await addMember(h, world.alpha, 'bob@alpha.test', 'Élodie Duprée');
  cat = await addMember(h, world.alpha, 'cat@alpha.test', 'Cat Stevens');
  // Ann writes in French, the others in English.
  await h.owner.query("UPDATE users SET locale = 'fr' WHERE id = $1", [ann.user.id]);
  open = await makeGroup(ann, 'alpha', 'Comité des fêtes', 'open');
  secret = await makeGroup(ann, 'alpha', 'Projet Sésame', 'secret');
  team = await makeGroup(ann, 'alpha', 'Équipe produit', 'private');
  await addToGroup('alpha', team, bob, ann);
  await addToGroup('alpha', open, cat, ann);
  await post(ann, 'Les réunions du budget sont déplacées à jeudi', open);
  await post(ann, 'Le plan de charge de la livraison est prêt', open);
  await post(ann, 'Charge maximale: le plan change, retard probable', open);
  await post(ann, 'Sésame: la réunion secrète', secret);
  await post(cat, 'The quarterly meetings moved to Thursday', open);
});
after(() => h.close());

async function post(by: Person, body: string, groupId?: string): Promise<any> {
  const answer = await by.client.post('/api/v1/i/alpha/posts', { body, ...(groupId ? { groupId } : {}) });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  return answer.body;
}

async function search(by: Person, q: string, extra: Record<string, string> = {}, slug = 'alpha'): Promise<any> {
  const answer = await by.client.get(`/api/v1/i/${slug}/search?${new URLSearchParams({ q, ...extra })}`);
  assert.equal(answer.status, 200, `${q}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}
const texts = (section: { items: Array<{ snippet: string }> }) => section.items.map((i) => i.snippet.replace(/<\/?mark>/g, ''));
const postsFound = async (by: Person, q: string, extra: Record<string, string> = {}) => texts((await search(by, q, { kind: 'posts', ...extra })).posts);

describe('language', () => {
  test('French stemming without accents: "reunion", "réunion" and "Réunions" all find "réunions"', async () => {
    for (const q of ['reunion ', 'réunion ', 'Réunions ']) {
      assert.deepEqual(await postsFound(bob, q), ['Les réunions du budget sont déplacées à jeudi'], q);
    }
  });

  test('English stemming: "meeting" finds "meetings"; a French word finds nothing in English text by stem alone', async () => {
    assert.deepEqual(await postsFound(ann, 'meeting '), ['The quarterly meetings moved to Thursday']);
  });

  test('the word being typed matches as a prefix: "réun" and "budg"', async () => {
    assert.deepEqual(await postsFound(bob, 'réun'), ['Les réunions du budget sont déplacées à jeudi']);
    assert.deepEqual(await postsFound(bob, 'budg'), ['Les réunions du budget sont déplacées à jeudi']);
    assert.deepEqual(await postsFound(bob, 'budg '), [], 'a finished word is not a prefix');
  });

  test('a compound or a code typed last is searched as typed, not cut to its letters', async () => {
    await post(ann, 'Le compte-rendu de la facture F-2024-5234 pour la v3.2', open);
    for (const q of ['compte-rendu', 'F-2024-5234', 'v3.2', 'facture F-2024-5234']) {
      assert.deepEqual(await postsFound(bob, q), ['Le compte-rendu de la facture F-2024-5234 pour la v3.2'], q);
    }
  });

  test('a quoted phrase matches those words in that order only', async () => {
    assert.deepEqual(await postsFound(ann, '"plan de charge"'), ['Le plan de charge de la livraison est prêt']);
    assert.equal((await postsFound(ann, 'plan charge ')).length, 2);
  });

  test('in messages too, across the reader\'s conversations: a phrase in that order only, an exclusion in any form', async () => {
    const first = await groupChat(ann, [bob], 'Planification');
    const second = await direct(bob, ann);
    for (const [chat, body] of [[first.id, 'Le plan de charge de la semaine'], [first.id, 'Charge maximale: le plan change'], [second.id, 'Ton plan de charge est validé']] as const) {
      assert.equal((await bob.client.post(messagesUrl(chat), { body })).status, 201);
    }
    const messages = async (q: string) => texts((await search(bob, q, { kind: 'messages' })).messages).sort();
    assert.deepEqual(await messages('"plan de charge"'), ['Le plan de charge de la semaine', 'Ton plan de charge est validé']);
    assert.deepEqual(await messages('plan charge -validé '), ['Charge maximale: le plan change', 'Le plan de charge de la semaine']);
    assert.deepEqual(await messages('"plan de charge" -semaine '), ['Ton plan de charge est validé']);
  });

  test('-word excludes, in any form', async () => {
    assert.deepEqual(await postsFound(ann, 'plan -retards '), ['Le plan de charge de la livraison est prêt']);
    assert.deepEqual(await postsFound(ann, 'plan -"plan de charge" '), ['Charge maximale: le plan change, retard probable']);
  });

  test('snippets are escaped HTML with the matches in <mark>', async () => {
    await post(ann, 'Attention <script>alert(1)</script> au budget & aux <b>dépenses</b>', open);
    await post(ann, 'Budget "quoted" <img src=x onerror=alert(1)> 5 < 6 > 4 & plus', open);
    const [hit] = (await search(ann, 'dépenses ', { kind: 'posts' })).posts.items;
    // The text as written, escaped: only <mark> is markup.
    assert.equal(hit.snippet, 'Attention &lt;script&gt;alert(1)&lt;/script&gt; au budget &amp; aux &lt;b&gt;<mark>dépenses</mark>&lt;/b&gt;');
    const [other] = (await search(ann, 'quoted ', { kind: 'posts' })).posts.items;
    assert.doesNotMatch(other.snippet, /<(?!\/?mark>)/);
    assert.match(other.snippet, /&quot;<mark>quoted<\/mark>&quot;/);
  });
});

describe('permissions, in the query', () => {
  test("a secret group's posts: its members only (not even an administrator outside it)", async () => {
    assert.deepEqual(await postsFound(ann, 'sésame'), ['Sésame: la réunion secrète']);
    assert.deepEqual(await postsFound(bob, 'sésame'), []);
    assert.deepEqual(await postsFound(world.alpha.people.administrator, 'sésame'), []);
  });

  test("a guest does not find an open group's posts; another instance finds nothing of alpha's", async () => {
    assert.deepEqual(await postsFound(guest, 'budget'), []);
    assert.deepEqual(texts((await search(world.beta.people.owner, 'budget', {}, 'beta')).posts), []);
  });

  test('leaving a private group takes its posts and comments out of the results at once', async () => {
    const dan = await addMember(h, world.alpha, 'dan@alpha.test', 'Dan');
    await addToGroup('alpha', team, dan, ann);
    const p = await post(ann, 'Roadmap confidentielle du trimestre', team);
    assert.equal((await ann.client.post(`/api/v1/i/alpha/posts/${p.id}/comments`, { body: 'Commentaire confidentiel' })).status, 201);
    assert.equal((await postsFound(dan, 'confidentiel')).length, 2);
    assert.equal((await dan.client.request('DELETE', `/api/v1/i/alpha/groups/${team}/members/${dan.user.id}`)).status, 204);
    assert.deepEqual(await postsFound(dan, 'confidentiel'), []);
  });

  test('a message is found by its conversation members as soon as it is sent; not after leaving; never once deleted', async () => {
    const chat = await groupChat(ann, [bob, cat], 'Logistique');
    const sent = await ann.client.post(messagesUrl(chat.id), { body: 'Livraison des palettes mardi' });
    assert.equal(sent.status, 201);
    const messages = async (by: Person) => texts((await search(by, 'palettes', { kind: 'messages' })).messages);
    assert.deepEqual(await messages(cat), ['Livraison des palettes mardi']);
    assert.deepEqual(await messages(world.alpha.people.administrator), []);
    assert.equal((await cat.client.request('DELETE', conversationUrl(chat.id, '/members/me'))).status, 204);
    assert.deepEqual(await messages(cat), []);
    assert.deepEqual(await messages(bob), ['Livraison des palettes mardi']);
    assert.equal((await ann.client.request('DELETE', messageUrl(chat.id, sent.body.id))).status, 204);
    assert.deepEqual(await messages(bob), []);
  });

  test("the index keys a message's words by the last 8 digits of its conversation: a conversation ending alike is still not the reader's", async () => {
    const mine = await groupChat(ann, [bob], 'Achats');
    const theirs = await groupChat(ann, [cat], 'Ventes');
    const sent = await ann.client.post(messagesUrl(theirs.id), { body: 'Inventaire des entrepôts vendredi' });
    assert.equal(sent.status, 201);
    const inventory = async () => texts((await search(bob, 'entrepôts', { kind: 'messages' })).messages);
    assert.deepEqual(await inventory(), []);
    // As if the other conversation's id ended like Bob's (two ids in 4 billion do): the keys now match his.
    const alike = `00000000-0000-4000-8000-0000${mine.id.slice(-8)}`;
    const moved = await h.owner.query('UPDATE search_entries SET scope = $1 WHERE kind = $2 AND id = $3', [alike, 'message', sent.body.id]);
    assert.equal(moved.rowCount, 1);
    assert.deepEqual(await inventory(), []);
    await h.owner.query('UPDATE search_entries SET scope = $1 WHERE kind = $2 AND id = $3', [mine.id, 'message', sent.body.id]);
    assert.deepEqual(await inventory(), ['Inventaire des entrepôts vendredi'], 'the same entry in his conversation is found: the test above proves the key alone is not enough');
  });

  test('an edited post is found by its new text, not its old one; a deleted post not at all', async () => {
    const p = await post(ann, 'Pique-nique samedi', open);
    assert.equal((await ann.client.patch(`/api/v1/i/alpha/posts/${p.id}`, { body: 'Barbecue dimanche' })).status, 200);
    assert.deepEqual(await postsFound(bob, 'pique '), []);
    assert.deepEqual(await postsFound(bob, 'barbecue '), ['Barbecue dimanche']);
    assert.equal((await ann.client.request('DELETE', `/api/v1/i/alpha/posts/${p.id}`)).status, 204);
    assert.deepEqual(await postsFound(bob, 'barbecue '), []);
  });

  test('files: by name (words, prefixes, typos) when one can open them; not once trashed or unshared', async () => {
    const file = await uploaded(ann, 'alpha', 'Rapport annuel 2026.pdf', '%PDF-1.4 rapport');
    const files = async (by: Person, q: string) => (await search(by, q, { kind: 'files' })).files.items.map((i: any) => i.name);
    assert.deepEqual(await files(ann, 'rapport '), ['Rapport annuel 2026.pdf']);
    assert.deepEqual(await files(ann, 'annu'), ['Rapport annuel 2026.pdf']);
    assert.deepEqual(await files(ann, 'raport anuel'), ['Rapport annuel 2026.pdf'], 'trigrams forgive typos');
    // The parser reads "2026.pdf" as one token; the name's words are read apart too, and the token stays.
    assert.deepEqual(await files(ann, '2026 '), ['Rapport annuel 2026.pdf']);
    assert.deepEqual(await files(ann, 'pdf '), ['Rapport annuel 2026.pdf']);
    assert.deepEqual(await files(ann, '2026.pdf'), ['Rapport annuel 2026.pdf']);
    assert.deepEqual(await files(bob, 'rapport '), []);
    const share = await ann.client.post(driveUrl('alpha', `/items/${file.id}/shares`), { userId: bob.user.id, role: 'viewer' });
    assert.equal(share.status, 201);
    assert.deepEqual(await files(bob, 'rapport '), ['Rapport annuel 2026.pdf']);
    assert.equal((await ann.client.request('DELETE', driveUrl('alpha', `/items/${file.id}/shares/${share.body.id}`))).status, 204);
    assert.deepEqual(await files(bob, 'rapport '), []);
    assert.equal((await ann.client.request('DELETE', driveUrl('alpha', `/items/${file.id}`))).status, 204);
    assert.deepEqual(await files(ann, 'rapport '), []);
  });

  test('a file follows its renames, the trash and its restoring; a group drive follows the group membership', async () => {
    const files = async (by: Person, q: string) => (await search(by, q, { kind: 'files' })).files.items.map((i: any) => i.name);
    const file = await uploaded(ann, 'alpha', 'Brouillon.txt', 'brouillon');
    assert.equal((await ann.client.patch(driveUrl('alpha', `/items/${file.id}`), { name: 'Inventaire final.txt' })).status, 200);
    assert.deepEqual(await files(ann, 'brouillon '), []);
    assert.deepEqual(await files(ann, 'inventaire '), ['Inventaire final.txt']);
    assert.equal((await ann.client.request('DELETE', driveUrl('alpha', `/items/${file.id}`))).status, 204);
    assert.deepEqual(await files(ann, 'inventaire '), []);
    assert.equal((await ann.client.post(driveUrl('alpha', `/items/${file.id}/restore`))).status, 200);
    assert.deepEqual(await files(ann, 'inventaire '), ['Inventaire final.txt']);
    const dan = await addMember(h, world.alpha, 'dan.drive@alpha.test', 'Dan Drive');
    await addToGroup('alpha', team, dan, ann);
    await uploaded(ann, 'alpha', 'Organigramme du service.pdf', '%PDF-1.4 organigramme', { drive: `group:${team}` });
    assert.deepEqual(await files(dan, 'organigramme '), ['Organigramme du service.pdf']);
    assert.deepEqual(await files(cat, 'organigramme '), [], 'not a member of the private group');
    assert.equal((await dan.client.request('DELETE', `/api/v1/i/alpha/groups/${team}/members/${dan.user.id}`)).status, 204);
    assert.deepEqual(await files(dan, 'organigramme '), []);
  });

  test("a file shared with a group is found by its members until they leave; the group filter keeps the group drive's files, shared ones included", async () => {
    const files = async (by: Person, q: string, extra: Record<string, string> = {}) =>
      (await search(by, q, { kind: 'files', ...extra })).files.items.map((i: any) => i.name).sort();
    const eli = await addMember(h, world.alpha, 'eli.share@alpha.test', 'Eli Partage');
    await addToGroup('alpha', team, eli, ann);
    const personal = await uploaded(ann, 'alpha', 'Calendrier des astreintes.txt', 'astreintes');
    assert.equal((await ann.client.post(driveUrl('alpha', `/items/${personal.id}/shares`), { groupId: team, role: 'viewer' })).status, 201);
    assert.deepEqual(await files(eli, 'astreintes '), ['Calendrier des astreintes.txt'], 'shared with a group of hers');
    assert.deepEqual(await files(cat, 'astreintes '), [], 'shared with a group she is not in');
    const ofSecret = await uploaded(ann, 'alpha', 'Astreintes du projet.txt', 'astreintes', { drive: `group:${secret}` });
    assert.equal((await ann.client.post(driveUrl('alpha', `/items/${ofSecret.id}/shares`), { userId: eli.user.id, role: 'viewer' })).status, 201);
    await uploaded(ann, 'alpha', 'Astreintes atelier.txt', 'astreintes', { drive: `group:${team}` });
    assert.deepEqual(await files(eli, 'astreintes '), ['Astreintes atelier.txt', 'Astreintes du projet.txt', 'Calendrier des astreintes.txt']);
    assert.deepEqual(await files(eli, 'astreintes ', { groupId: secret }), ['Astreintes du projet.txt'], "a secret group's file shared with her");
    assert.deepEqual(await files(eli, 'astreintes ', { groupId: team }), ['Astreintes atelier.txt'], 'not a file of a personal drive shared with the group');
    assert.equal((await eli.client.request('DELETE', `/api/v1/i/alpha/groups/${team}/members/${eli.user.id}`)).status, 204);
    assert.deepEqual(await files(eli, 'astreintes '), ['Astreintes du projet.txt'], 'the group left, its drive and its shares go');
  });

  test("profile posts: members find them; a guest finds only their own profile's, with others' comments on it", async () => {
    const mine = await post(cat, 'Retour de conférence sur la photosynthèse');
    assert.deepEqual(await postsFound(bob, 'photosynthese '), ['Retour de conférence sur la photosynthèse']);
    assert.deepEqual(await postsFound(guest, 'photosynthese '), []);
    // Guests cannot write on profiles, but a member made a guest keeps what they wrote there.
    const eve = await addMember(h, world.alpha, 'eve@alpha.test', 'Eve Stagiaire');
    const hers = await post(eve, 'Présentation du stagiaire en herboristerie');
    assert.equal((await cat.client.post(`/api/v1/i/alpha/posts/${hers.id}/comments`, { body: 'Bienvenue, herboriste !' })).status, 201);
    assert.equal((await cat.client.post(`/api/v1/i/alpha/posts/${mine.id}/comments`, { body: "L'herboristerie aussi" })).status, 201);
    await h.owner.query("UPDATE memberships SET role = 'guest' WHERE user_id = $1", [eve.user.id]);
    assert.deepEqual(await postsFound(eve, 'herboristerie '), ['Présentation du stagiaire en herboristerie']);
    assert.deepEqual(await postsFound(eve, 'bienvenue '), ['Bienvenue, herboriste !']);
    assert.equal((await postsFound(bob, 'herboristerie ')).length, 2);
  });

  test('people by name, typos and accents forgiven; a guest finds only people they share a group with', async () => {
    const people = async (by: Person, q: string) => (await search(by, q, { kind: 'people' })).people.items.map((p: any) => p.displayName);
    assert.deepEqual(await people(ann, 'elodie dupree'), ['Élodie Duprée']);
    assert.deepEqual(await people(ann, 'Elodei Dupre'), ['Élodie Duprée']);
    assert.deepEqual(await people(guest, 'elodie'), []);
    // Two letters: no trigram narrows the names, the instance's members are read instead; still only them.
    await addMember(h, world.beta, 'dumas@beta.test', 'Paul Dumas');
    const short = await people(ann, 'du');
    assert.ok(short.includes('Élodie Duprée'), JSON.stringify(short));
    assert.ok(!short.includes('Paul Dumas'), 'not a member of alpha');
    assert.ok(!(await people(guest, 'du')).includes('Élodie Duprée'));
    assert.ok((await people(ann, 'dum')).every((name: string) => name !== 'Paul Dumas'), 'nor from three letters');
  });

  test('groups by name; a secret group only for its members', async () => {
    const groups = async (by: Person, q: string) => (await search(by, q, { kind: 'groups' })).groups.items.map((g: any) => g.name);
    assert.deepEqual(await groups(bob, 'comite fetes'), ['Comité des fêtes']);
    assert.deepEqual(await groups(bob, 'sesame'), []);
    assert.deepEqual(await groups(ann, 'sesame'), ['Projet Sésame']);
  });
});

describe('writers', () => {
  test('every GIN index takes new entries at once: no pending list for searches to read (fastupdate off, migration 0023)', async () => {
    const { rows } = await h.owner.query(`SELECT c.relname AS name, c.reloptions AS options FROM pg_class c JOIN pg_am a ON a.oid = c.relam
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.amname = 'gin' AND n.nspname = 'public' ORDER BY c.relname`);
    assert.ok(rows.length >= 8, `the search indexes are GIN: ${rows.map((r) => r.name).join(', ')}`);
    assert.deepEqual(rows.filter((r) => !(r.options ?? []).includes('fastupdate=off')).map((r) => r.name), []);
  });

  test('transactions writing the same new words in other orders neither wait for each other nor deadlock', async () => {
    const [one, two] = [await groupChat(ann, [bob], 'Mots 1'), await groupChat(ann, [bob], 'Mots 2')];
    const a = await h.s.pool.connect();
    const b = await h.s.pool.connect();
    try {
      for (const c of [a, b]) {
        await c.query('BEGIN');
        await c.query("SELECT set_config('app.instance_id', $1, true)", [world.alpha.instance.id]);
      }
      const write = (c: typeof a, conversation: string, seq: number, body: string) => c.query(
        `INSERT INTO messages (instance_id, conversation_id, seq, author_id, body, body_html) VALUES ($1, $2, $3, $4, $5, '')`,
        [world.alpha.instance.id, conversation, seq, ann.user.id, body]);
      // Each would wait for the other's uncommitted word under a unique key on words.
      await write(a, one.id, 1001, 'xylophonique');
      await write(b, two.id, 1001, 'zygomatique');
      const waited = await Promise.race([
        Promise.all([write(a, one.id, 1002, 'zygomatique'), write(b, two.id, 1002, 'xylophonique')]).then(() => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 2000)),
      ]);
      assert.equal(waited, false, 'the writers blocked each other');
      await a.query('COMMIT');
      await b.query('COMMIT');
    } catch (error) {
      await a.query('ROLLBACK').catch(() => undefined);
      await b.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      a.release();
      b.release();
    }
    const messages = async (q: string) => texts((await search(bob, q, { kind: 'messages' })).messages);
    assert.deepEqual(await messages('xyloph'), ['xylophonique', 'xylophonique']);
    assert.deepEqual(await messages('zygo'), ['zygomatique', 'zygomatique']);
  });
});

describe('filters', () => {
  test('by conversation (messages only), group, author, dates and attachments', async () => {
    const one = await direct(ann, cat);
    await ann.client.post(messagesUrl(one.id), { body: 'Facture fournisseur à valider' });
    const all = await search(ann, 'facture', { conversationId: one.id });
    assert.deepEqual(texts(all.messages), ['Facture fournisseur à valider']);
    assert.equal(all.messages.items[0].conversation.title, 'Cat Stevens', "a direct conversation is named after the other person");
    await post(ann, 'Rapport hebdomadaire numéro 12.', open);
    assert.deepEqual(await postsFound(bob, 'hebdomadaire '), ['Rapport hebdomadaire numéro 12.'], 'snippets keep numbers and punctuation');
    const long = `Introduction. ${'Texte de remplissage sans intérêt particulier. '.repeat(12)}La conclusion parle de vendanges tardives. ${'Encore du remplissage. '.repeat(12)}`;
    await post(ann, long, open);
    const [passage] = (await search(bob, 'vendanges ', { kind: 'posts' })).posts.items;
    assert.match(passage.snippet, /<mark>vendanges<\/mark>/);
    assert.ok(passage.snippet.length < long.length / 2, 'a long text is shown as passages around its matches');
    assert.deepEqual([all.posts.items, all.files.items, all.people.items, all.groups.items], [[], [], [], []]);
    assert.equal((await postsFound(ann, 'plan', { groupId: secret })).length, 0);
    assert.equal((await postsFound(ann, 'plan', { groupId: open })).length, 2);
    assert.deepEqual(await postsFound(ann, 'meeting', { authorId: ann.user.id }), []);
    assert.deepEqual(await postsFound(ann, 'meeting', { authorId: cat.user.id }), ['The quarterly meetings moved to Thursday']);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal((await postsFound(ann, 'plan', { from: today, to: today })).length, 2);
    assert.equal((await postsFound(ann, 'plan', { to: '2020-01-01' })).length, 0);
    const attachment = await ann.client.request('POST', '/api/v1/i/alpha/attachments?name=devis.txt', Buffer.from('devis'), { 'content-type': 'application/octet-stream' });
    await post(ann, 'Devis joint pour le plan', open);
    await ann.client.post('/api/v1/i/alpha/posts', { body: 'Devis signé pour le plan', groupId: open, attachmentIds: [attachment.body.id] });
    assert.deepEqual(await postsFound(ann, 'devis', { hasAttachment: 'true' }), ['Devis signé pour le plan']);
    assert.deepEqual(await postsFound(ann, 'devis', { hasAttachment: 'false' }), ['Devis joint pour le plan']);
  });

  test('without a kind, a few of each; with one, pages', async () => {
    for (let i = 0; i < 7; i++) await post(ann, `Inventaire numéro ${i}`, open);
    const quick = await search(ann, 'inventaire');
    assert.equal(quick.posts.items.length, 5);
    assert.equal(quick.posts.hasMore, true);
    const first = await search(ann, 'inventaire', { kind: 'posts', limit: '4' });
    const second = await search(ann, 'inventaire', { kind: 'posts', limit: '4', offset: '4' });
    assert.deepEqual([first.posts.items.length, first.posts.hasMore, second.posts.items.length, second.posts.hasMore], [4, true, 3, false]);
    assert.equal(new Set([...first.posts.items, ...second.posts.items].map((i: any) => i.id)).size, 7);
  });
});

describe('ranking', () => {
  test('the last two 30-day periods come first, then older posts by relevance; pages run on across the two', async () => {
    const recent = await post(ann, 'Tournesol au jardin', open);
    const older = await post(ann, 'Tournesol, tournesol et encore tournesol', open);
    const oldest = await post(ann, 'Un tournesol fané', open);
    await h.owner.query("UPDATE posts SET created_at = now() - interval '200 days' WHERE id = $1", [older.id]);
    await h.owner.query("UPDATE posts SET created_at = now() - interval '400 days' WHERE id = $1", [oldest.id]);
    const page = async (limit: number, offset: number) => {
      const found = (await search(bob, 'tournesol ', { kind: 'posts', limit: String(limit), offset: String(offset) })).posts;
      return [found.items.map((i: any) => i.id), found.hasMore];
    };
    assert.deepEqual(await page(5, 0), [[recent.id, older.id, oldest.id], false], 'a recent post before a more relevant old one');
    assert.deepEqual(await page(1, 0), [[recent.id], true]);
    assert.deepEqual(await page(1, 1), [[older.id], true]);
    assert.deepEqual(await page(2, 1), [[older.id, oldest.id], false], 'a page that starts in the recent tier and ends in the older one');
    assert.deepEqual(await page(1, 2), [[oldest.id], false]);
    assert.deepEqual(await page(2, 3), [[], false]);
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const dated = async (extra: Record<string, string>) =>
      (await search(bob, 'tournesol ', { kind: 'posts', ...extra })).posts.items.map((i: any) => i.id);
    assert.deepEqual(await dated({ from: day(10) }), [recent.id], 'dates within the recent tier');
    assert.deepEqual(await dated({ to: day(100) }), [older.id, oldest.id], 'dates before it');
    assert.deepEqual(await dated({ from: day(300), to: day(100) }), [older.id]);
  });

  test('the recent tier begins with the previous 30-day period, in every group or in one, whatever the time zone', async () => {
    const justIn = await post(ann, 'Capucine en pot', open);
    const justOut = await post(ann, 'Capucine, capucine, capucine', open);
    await h.owner.query("UPDATE posts SET created_at = search_recent_from() + interval '1 minute' WHERE id = $1", [justIn.id]);
    await h.owner.query("UPDATE posts SET created_at = search_recent_from() - interval '1 minute' WHERE id = $1", [justOut.id]);
    for (const extra of [{}, { groupId: open }] as Array<Record<string, string>>) {
      const found = (await search(bob, 'capucine ', { kind: 'posts', ...extra })).posts.items.map((i: any) => i.id);
      assert.deepEqual(found, [justIn.id, justOut.id], `the recent one first, though less relevant (${JSON.stringify(extra)})`);
    }
    // The period is the epoch's, whatever the session's time zone (the posts index is keyed by it).
    const session = await h.owner.connect();
    try {
      for (const zone of ['UTC', 'Pacific/Auckland', 'America/Los_Angeles']) {
        await session.query(`SET TimeZone = '${zone}'`);
        const { rows } = await session.query(`SELECT search_period(t) AS period, floor(extract(epoch FROM t) / 2592000)::integer AS expected
          FROM unnest(ARRAY[now(), search_recent_from(), search_recent_from() - interval '1 microsecond', '2024-02-29 23:59:59.5+00']::timestamptz[]) t`);
        for (const row of rows) assert.equal(row.period, row.expected, zone);
      }
    } finally {
      await session.query('RESET TimeZone');
      session.release();
    }
  });

  test('the query keyed by scopes: a copy per scope, each word keyed, phrases loosened, prefixes, negations and quotes kept', async () => {
    const { rows: [row] } = await h.owner.query(`SELECT search_scoped_query(ARRAY['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-0000000000b2']::uuid[],
      $$'plan' <-> 'de' <2> 'charg' & !'l''équipe':* | 'devis'$$::tsquery)::text AS keyed, search_scoped_query('{}', 'devis') AS none`);
    assert.equal(row.keyed, "'0000000aplan' & '0000000ade' & '0000000acharg' & !'0000000al''équipe':* | '0000000adevis' | " +
      "'000000b2plan' & '000000b2de' & '000000b2charg' & !'000000b2l''équipe':* | '000000b2devis'");
    assert.equal(row.none, null);
  });

  test("in one group: its posts by the group's keys, the same tiers and pages; a group whose id ends alike is not the group", async () => {
    const recent = await post(ann, 'La girouette du toit', open);
    const older = await post(ann, 'Girouette, girouette, girouette', open);
    const elsewhere = await post(ann, 'Une girouette pour l’équipe', team);
    await h.owner.query("UPDATE posts SET created_at = now() - interval '200 days' WHERE id = $1", [older.id]);
    const inGroup = async (groupId: string, limit = 20, offset = 0) => {
      const found = (await search(bob, 'girouette ', { kind: 'posts', groupId, limit: String(limit), offset: String(offset) })).posts;
      return [found.items.map((i: any) => i.id), found.hasMore];
    };
    assert.deepEqual(await inGroup(open), [[recent.id, older.id], false]);
    assert.deepEqual(await inGroup(open, 1, 0), [[recent.id], true]);
    assert.deepEqual(await inGroup(open, 1, 1), [[older.id], false], 'the older tier, by the group\'s keys too');
    assert.deepEqual(await inGroup(team), [[elsewhere.id], false]);
    // As if the other group's id ended like this one's: its post's keys are now this group's.
    const alike = `00000000-0000-4000-8000-0000${open.slice(-8)}`;
    const moved = await h.owner.query("UPDATE search_entries SET scope = $1 WHERE kind = 'post' AND id = $2", [alike, elsewhere.id]);
    assert.equal(moved.rowCount, 1);
    assert.deepEqual(await inGroup(open), [[recent.id, older.id], false]);
    await h.owner.query("UPDATE search_entries SET scope = $1 WHERE kind = 'post' AND id = $2", [team, elsewhere.id]);
  });

  test("files: a name match before a content-only one, however new; pages run on across the two", async () => {
    const named = await uploaded(ann, 'alpha', 'capucine.txt', 'rien à voir');
    const content = await uploaded(ann, 'alpha', 'notes-jardin.txt', 'Semer la capucine en avril');
    await extractPendingTexts(h.s);
    await h.owner.query("UPDATE drive_items SET created_at = now() - interval '2 years', updated_at = now() - interval '2 years' WHERE id = $1", [named.id]);
    const page = async (limit: number, offset: number) =>
      (await search(ann, 'capucine ', { kind: 'files', limit: String(limit), offset: String(offset) })).files.items.map((i: any) => i.id);
    assert.deepEqual(await page(5, 0), [named.id, content.id]);
    assert.deepEqual(await page(1, 1), [content.id]);
    assert.deepEqual(await page(1, 2), []);
  });

  test('files matched by their content only come newest first, whatever their names', async () => {
    const older = await uploaded(ann, 'alpha', 'roma-notes.txt', 'Arroser le romarin le soir');
    const newer = await uploaded(ann, 'alpha', 'jardin-b.txt', 'Tailler le romarin au printemps');
    await h.owner.query("UPDATE drive_items SET updated_at = now() - interval '3 days' WHERE id = $1", [older.id]);
    await extractPendingTexts(h.s);
    // "roma-notes" is spelled more like "romarin" than "jardin-b" is (0.21 against 0.05), too little to be a
    // close spelling: that likeness used to order them; now their dates do.
    const found = (await search(ann, 'romarin ', { kind: 'files' })).files.items.map((i: any) => i.id);
    assert.deepEqual(found, [newer.id, older.id]);
  });

  test('files: a name with the word, then the content, then a name spelled closely; pages run on across the three', async () => {
    // The name match holds the word in its text too: it is never shown again among the content's.
    const named = await uploaded(ann, 'alpha', 'taille de la pivoine, conseils de saison.txt', 'la pivoine en automne');
    const content = await uploaded(ann, 'alpha', 'jardin.txt', 'Tailler la pivoine en février');
    // "pivoinne" is a typo: closer to "pivoine" than the long name is (0.5 against 0.2), but not the word.
    const typo = await uploaded(ann, 'alpha', 'pivoinne.txt', 'une fleur rose');
    await extractPendingTexts(h.s);
    const page = async (q: string, limit = 5, offset = 0) =>
      (await search(ann, q, { kind: 'files', limit: String(limit), offset: String(offset) })).files.items.map((i: any) => i.id);
    assert.deepEqual(await page('pivoine '), [named.id, content.id, typo.id], 'the word in the name first, however long the name; a mere likeness last');
    assert.deepEqual(await page('pivoine ', 1, 1), [content.id]);
    assert.deepEqual(await page('pivoine ', 2, 1), [content.id, typo.id]);
    assert.deepEqual(await page('pivoine ', 1, 2), [typo.id]);
    assert.deepEqual(await page('pivoine ', 1, 3), []);
    // A page filled by the words is never made to wait for the likeness (nor shows it).
    assert.deepEqual(await page('pivoine ', 2, 0), [named.id, content.id]);
    // Typed with the typo, the file named so is found by that word; the others are not spelled closely enough.
    assert.deepEqual(await page('pivoinne '), [typo.id], 'only the name spelled closely enough');
  });
});

describe('bad input', () => {
  test('tsquery syntax, only stop words, emoji, CJK, unbalanced quotes, empty: 200 with results or none, never an error', async () => {
    for (const q of ['&|!():*', "'; DROP TABLE posts; --", 'le la les', '🎉🎉', '会议', '"unbalanced', '-', '', '   ', 'a:* | b', '\\', '%_']) {
      const answer = await search(ann, q);
      assert.ok(Array.isArray(answer.posts.items), q);
    }
  });

  test('a 10 KB query, an unknown kind, a bad date or id: 400 validation_failed', async () => {
    for (const query of [`q=${'x'.repeat(10_000)}`, 'q=a&kind=everything', 'q=a&from=yesterday', 'q=a&groupId=nope', 'q=a&limit=1000', 'q=a&extra=1']) {
      const answer = await ann.client.get(`/api/v1/i/alpha/search?${query}`);
      assert.equal(answer.status, 400, query);
      assert.equal(answer.body.code, 'validation_failed', query);
    }
  });
});

describe('file contents', () => {
  test('a text file is found by its content once the extraction job ran; a failure is retried at most three times', async () => {
    const file = await uploaded(ann, 'alpha', 'fiche.txt', 'Compte rendu: la subvention régionale est accordée');
    const files = async (by: Person, q: string) => (await search(by, q, { kind: 'files' })).files.items.map((i: any) => i.name);
    assert.deepEqual(await files(ann, 'subvention '), [], 'not before the job');
    const done = await extractPendingTexts(h.s);
    assert.ok(done.extracted >= 1);
    assert.deepEqual(await files(ann, 'subventions '), ['fiche.txt']);
    assert.deepEqual(await files(ann, 'regionale '), ['fiche.txt']);
    assert.deepEqual(await files(ann, 'subvention -accordée'), [], 'an exclusion applies to the content too');
    assert.deepEqual(await files(ann, 'fiche -accordée'), [], 'even when the name matches');
    assert.deepEqual(await files(bob, 'subvention '), [], 'still only for those who can open the file');
    // A new version with other content: the file is found by the new text, not the old one.
    assert.equal((await ann.client.request('POST', driveUrl('alpha', `/items/${file.id}/versions`), Buffer.from('Budget prévisionnel'), { 'content-type': 'application/octet-stream' })).status, 201);
    await extractPendingTexts(h.s);
    assert.deepEqual(await files(ann, 'prévisionnel '), ['fiche.txt']);
    assert.deepEqual(await files(ann, 'subvention '), []);
    // Bytes gone from the store: the job records the error and gives up after three attempts.
    const lost = await uploaded(ann, 'alpha', 'lost.txt', 'contenu perdu');
    const sha = (await h.owner.query('SELECT v.sha256 FROM drive_items i JOIN drive_versions v ON v.id = i.current_version_id WHERE i.id = $1', [lost.id])).rows[0].sha256;
    await h.s.blobs.remove({ instanceId: world.alpha.instance.id, sha256: sha });
    for (let run = 0; run < 5; run++) await extractPendingTexts(h.s);
    const { rows } = await h.owner.query('SELECT attempts, error IS NOT NULL AS failed FROM blob_texts WHERE sha256 = $1', [sha]);
    assert.deepEqual(rows, [{ attempts: 3, failed: true }]);
  });

  test("a file's words are keyed by its drive: phrases stay exact, a shared file is found by id, a drive ending alike is not the reader's", async () => {
    const file = await uploaded(ann, 'alpha', 'semis.txt', 'Le plan de charge du potager');
    await extractPendingTexts(h.s);
    const files = async (by: Person, q: string) => (await search(by, q, { kind: 'files' })).files.items.map((i: any) => i.name);
    assert.deepEqual(await files(ann, '"plan de charge"'), ['semis.txt']);
    assert.deepEqual(await files(ann, '"charge de plan"'), [], 'the keys have no positions: the phrase is checked on the text');
    assert.deepEqual(await files(bob, 'potager '), []);
    const share = await ann.client.post(driveUrl('alpha', `/items/${file.id}/shares`), { userId: bob.user.id, role: 'viewer' });
    assert.equal(share.status, 201);
    assert.deepEqual(await files(bob, 'potager '), ['semis.txt'], 'shared: by its text');
    assert.deepEqual(await files(bob, 'semis '), ['semis.txt'], 'shared: by its name');
    assert.deepEqual(await files(bob, '"charge de plan"'), [], 'shared: the phrase checked too');
    assert.deepEqual(await files(bob, 'tomate '), [], 'shared: found by its words only');
    // Exclusions by the text, through the drive's keys or, shared, by id; an excluded phrase in its order only.
    // (Other files' words share the stem of "semis": only this one is looked at.)
    const finds = async (by: Person, q: string) => (await files(by, q)).includes('semis.txt');
    assert.deepEqual([await finds(ann, 'semis '), await finds(ann, 'semis -potager')], [true, false], 'the text excludes');
    assert.deepEqual([await finds(bob, 'semis '), await finds(bob, 'semis -potager')], [true, false], 'shared: the text excludes');
    assert.equal(await finds(ann, 'semis -"plan de charge"'), false);
    assert.equal(await finds(ann, 'semis -"charge de plan"'), true, 'those words, not in that order: kept');
    assert.equal(await finds(bob, 'semis -"charge de plan"'), true);
    assert.equal((await ann.client.request('DELETE', driveUrl('alpha', `/items/${file.id}/shares/${share.body.id}`))).status, 204);
    // As if Ann's drive id ended like Bob's: the file's keys are now his drive's.
    const alike = `00000000-0000-4000-8000-0000${bob.user.id.slice(-8)}`;
    const moved = await h.owner.query("UPDATE search_entries SET scope = $1 WHERE kind = 'file' AND id = $2", [alike, file.id]);
    assert.equal(moved.rowCount, 1);
    assert.deepEqual(await files(bob, 'potager '), []);
    assert.deepEqual(await files(bob, 'semis '), []);
    await h.owner.query("UPDATE search_entries SET scope = $1 WHERE kind = 'file' AND id = $2", [bob.user.id, file.id]);
    assert.deepEqual(await files(bob, 'potager '), ['semis.txt'], 'the same entry in his drive is found: the key alone is not enough');
    await h.owner.query("UPDATE search_entries SET scope = $1 WHERE kind = 'file' AND id = $2", [ann.user.id, file.id]);
  });

  test('PDF, Word and OpenDocument files are found by their text', async () => {
    await uploaded(ann, 'alpha', 'cr.pdf', minimalPdf('Compte rendu du conseil pedagogique'));
    await uploaded(ann, 'alpha', 'pv.docx', Buffer.from(zipSync({
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
      'word/document.xml': strToU8('<w:document><w:body><w:p><w:r><w:t>Procès-verbal &amp; inventaire</w:t></w:r></w:p><w:p><w:r><w:t>des &#233;quipements</w:t></w:r></w:p></w:body></w:document>'),
    })));
    await uploaded(ann, 'alpha', 'note.odt', Buffer.from(zipSync({
      mimetype: strToU8('application/vnd.oasis.opendocument.text'),
      'content.xml': strToU8('<office:document-content><office:body><text:p>Calendrier des vendanges</text:p></office:body></office:document-content>'),
    }, { level: 0 })));
    const done = await extractPendingTexts(h.s);
    assert.equal(done.failed, 0);
    const files = async (q: string) => (await search(ann, q, { kind: 'files' })).files.items.map((i: any) => i.name);
    assert.deepEqual(await files('pedagogique '), ['cr.pdf']);
    assert.deepEqual(await files('procès verbal '), ['pv.docx']);
    assert.deepEqual(await files('équipements '), ['pv.docx']);
    assert.deepEqual(await files('vendange '), ['note.odt']);
  });
});

/** A one-page PDF showing `text` in Helvetica (ASCII only). */
function minimalPdf(text: string): Buffer {
  const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => { offsets.push(out.length); out += `${i + 1} 0 obj\n${body}\nendobj\n`; });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
