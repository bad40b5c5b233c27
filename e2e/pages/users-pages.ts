import { expect } from 'vitest';
import { BasePage } from './base-page.ts';

export class UsersPage extends BasePage {
  async open(): Promise<void> {
    await this.goto('/admin/users');
    await this.expectHeading('Users');
  }

  async startInvite(): Promise<InvitePage> {
    await this.activate(this.page.getByRole('button', { name: 'Invite a user' }));
    await this.expectHeading('Invite a user');
    return new InvitePage(this.page, this.a11y);
  }
}

export class InvitePage extends BasePage {
  async fill(details: {
    fullName: string;
    email: string;
    roleLabel: string;
    organisation: string;
  }): Promise<void> {
    await this.typeInto(this.page.getByLabel('Full name'), details.fullName);
    await this.typeInto(this.page.getByLabel('Email address'), details.email);
    // Radios are one tab stop: reach the group, then choose with the arrow keys until the role is checked.
    const radio = this.page.getByRole('radio', { name: details.roleLabel });
    await this.tabTo(this.page.getByRole('radio').first());
    for (let i = 0; i < 10 && !(await radio.isChecked()); i += 1) await this.page.keyboard.press('ArrowDown');
    expect(await radio.isChecked()).toBe(true);
    const select = this.page.getByLabel('Organisation they act for');
    await this.tabTo(select);
    // Typing on a focused select picks the option that starts with those letters.
    await this.page.keyboard.type(details.organisation);
    const chosen = await select.evaluate(
      (el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '',
    );
    expect(chosen).toContain(details.organisation);
  }

  async send(): Promise<void> {
    await this.activate(this.page.getByRole('button', { name: 'Send invitation' }));
  }

  async invitationLink(): Promise<string> {
    return (await this.page.locator('#invitation-link').getAttribute('href')) ?? '';
  }
}

export class SetPasswordPage extends BasePage {
  async setPassword(password: string): Promise<void> {
    await this.typeInto(this.page.getByLabel('New password', { exact: true }), password);
    await this.typeInto(this.page.getByLabel('Confirm new password'), password);
    await this.activate(this.page.getByRole('button', { name: 'Set password' }));
  }
}
