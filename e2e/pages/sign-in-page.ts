import { BasePage } from './base-page.ts';

export class SignInPage extends BasePage {
  email = () => this.page.getByLabel('Email address');
  password = () => this.page.getByLabel('Password', { exact: true });
  submit = () => this.page.getByRole('button', { name: 'Sign in' });

  async open(): Promise<void> {
    await this.goto('/sign-in');
    await this.expectHeading('Sign in');
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.typeInto(this.email(), email);
    await this.typeInto(this.password(), password);
    await this.activate(this.submit());
  }
}
