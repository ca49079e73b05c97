/**
 * <mhn-moderation> from the keyboard (j / k move, a / r / s act, x selects; never while
 * typing in a field), in Spanish, and axe-clean (WCAG 2.2 AA) in each of its states.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $, text } from '../../../test/helpers/dom.js';
import { violations } from '../../../test/helpers/axe.js';
import {
  button,
  card,
  filter,
  liveText,
  mountDesk,
  postComment,
  queueTitles,
  signIn,
  signInToQueue,
  signOutEverywhere,
  testModerator,
  titles,
  until,
} from '../../../test/helpers/desk.js';
import { resetServer } from '../../../test/helpers/server.js';

beforeEach(async () => {
  await resetServer();
  await signOutEverywhere();
});

const focusedTitle = (el: Element) =>
  text(el.shadowRoot!.activeElement?.closest('article')?.querySelector('h3'));

describe('<mhn-moderation>: keyboard', () => {
  it('j and k move between comments; a, r and s act on the one in focus', async () => {
    for (const title of ['Four', 'Three', 'Two', 'One']) await postComment(title);
    const el = await mountDesk();
    await signInToQueue(el);
    expect(titles(el)).to.deep.equal(['One', 'Two', 'Three', 'Four']);
    await sendKeys({ press: 'j' });
    expect(focusedTitle(el)).to.equal('Two');
    await sendKeys({ press: 'j' });
    await sendKeys({ press: 'j' });
    await sendKeys({ press: 'j' });
    expect(focusedTitle(el)).to.equal('Four');
    await sendKeys({ press: 'k' });
    expect(focusedTitle(el)).to.equal('Three');

    await sendKeys({ press: 'a' });
    await until(() => !titles(el).includes('Three'), 'a did not approve');
    expect(focusedTitle(el)).to.equal('Four');
    await sendKeys({ press: 'k' });
    await sendKeys({ press: 'r' });
    await until(() => !titles(el).includes('Two'), 'r did not reject');
    await sendKeys({ press: 's' });
    await until(() => !titles(el).includes('Four'), 's did not mark as spam');
    expect(titles(el)).to.deep.equal(['One']);
    expect(await queueTitles('published')).to.include('Three');
    expect(await queueTitles('rejected')).to.deep.equal(['Two']);
    expect(await queueTitles('spam')).to.deep.equal(['Four']);
    expect(liveText(el)).to.contain('Marked 1 comment as spam.');
  });

  it('x selects the comment in focus, for the bulk buttons', async () => {
    for (const title of ['Three', 'Two', 'One']) await postComment(title);
    const el = await mountDesk();
    await signInToQueue(el);
    await sendKeys({ press: 'j' }); // Two
    await sendKeys({ press: 'x' });
    await sendKeys({ press: 'j' }); // Three
    await sendKeys({ press: 'x' });
    await until(() => text($(el, '.bulk')).includes('2 selected'), 'x did not select');
    await sendKeys({ press: 'x' });
    await until(() => text($(el, '.bulk')).includes('1 selected'), 'x did not unselect');
    expect((card(el, 'Two').querySelector('input.select') as HTMLInputElement).checked).to.equal(
      true,
    );
    button($(el, '.bulk')!, 'Delete').click();
    await until(() => titles(el).length === 2, 'not deleted');
    expect(titles(el)).to.deep.equal(['One', 'Three']);
  });

  it('does nothing while typing in a field', async () => {
    await postComment('Typing here');
    const el = await mountDesk();
    await signInToQueue(el);
    const c = card(el, 'Typing here');
    button(c, 'More').click();
    await until(() => c.querySelector('input[name="reason"]'), 'no reason field');
    (c.querySelector('input[name="reason"]') as HTMLInputElement).focus();
    await sendKeys({ type: 'a rash jerk x' });
    expect((c.querySelector('input[name="reason"]') as HTMLInputElement).value).to.equal(
      'a rash jerk x',
    );
    expect(titles(el)).to.deep.equal(['Typing here']);
    expect(text($(el, '.bulk'))).to.contain('None selected');
    expect(await queueTitles('pending')).to.deep.equal(['Typing here']);
  });
});

describe('<mhn-moderation>: Spanish', () => {
  it('signs in and moderates in Spanish', async () => {
    await postComment('Un comentario');
    const el = await mountDesk({ locale: 'es' });
    await until(() => $(el, '#name'), 'no sign-in form');
    expect(text($(el, 'label[for="name"]'))).to.equal('Usuario');
    expect(text($(el, 'label[for="password"]'))).to.equal('Contraseña');
    const { name, password } = await testModerator();
    ($(el, '#name') as HTMLInputElement).value = name;
    ($(el, '#password') as HTMLInputElement).value = 'una contraseña que no es';
    button(el, 'Iniciar sesión').click();
    await until(() => text($(el, '.sign-in [role="alert"]')), 'no message');
    expect(text($(el, '.sign-in [role="alert"]'))).to.equal(
      'El usuario o la contraseña no son correctos.',
    );
    ($(el, '#password') as HTMLInputElement).value = password;
    button(el, 'Iniciar sesión').click();
    await until(() => $(el, '.queue'), 'no queue');
    expect(text(filter(el, 'Pendientes'))).to.equal('Pendientes (1)');
    const c = card(el, 'Un comentario');
    for (const name of ['Aprobar', 'Rechazar', 'Marcar como spam', 'Eliminar']) {
      expect(button(c, name)).to.exist;
    }
    expect(text(c.querySelector('.reasons'))).to.equal(
      'Retenido por: se retienen todos los comentarios',
    );
    button(c, 'Aprobar').click();
    await until(() => $(el, '#queue-state'), 'not approved');
    expect(text($(el, '#queue-state'))).to.equal('No hay comentarios en espera');
    expect(liveText(el)).to.contain('Se aprobó 1 comentario.');
    expect(button($(el, '.live')!, 'Deshacer')).to.exist;
    expect(button(el, 'Cerrar sesión')).to.exist;
  });
});

describe('<mhn-moderation>: accessibility (axe, WCAG 2.2 AA)', () => {
  it('is clean signed out, with a failed sign-in', async () => {
    const el = await mountDesk();
    await signIn(el, 'wrong password here');
    await until(() => text($(el, '.sign-in [role="alert"]')), 'no message');
    expect(await violations(el)).to.deep.equal([]);
  });

  it('is clean with the queue, a safety banner, a selection and an open panel', async () => {
    await postComment('Hard week', 'Some days I want to end my life.');
    await postComment('Ordinary');
    const el = await mountDesk();
    await signInToQueue(el);
    (card(el, 'Ordinary').querySelector('input.select') as HTMLInputElement).click();
    const c = card(el, 'Hard week');
    button(c, 'More').click();
    await until(() => c.querySelector('.history, .more .muted:not([role])'), 'no history');
    expect(await violations(el)).to.deep.equal([]);
    button(card(el, 'Ordinary'), 'Approve').click();
    await until(() => $(el, '.live button'), 'no undo');
    expect(await violations(el)).to.deep.equal([]);
  });

  it('is clean when empty', async () => {
    const el = await mountDesk();
    await signInToQueue(el);
    expect(await violations(el)).to.deep.equal([]);
  });
});
