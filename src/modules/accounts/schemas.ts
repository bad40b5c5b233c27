import { z } from 'zod';
import { choice, emailAddress, newPassword, optionalText, password, requiredText } from '../../lib/forms.ts';
import { ROLES } from '../access/policy.ts';

export const signInForm = z.object({
  email: emailAddress('your email address'),
  password: password('your password'),
});

export const changePasswordForm = z.object({
  currentPassword: password('your current password'),
  newPassword: newPassword(),
  confirmPassword: password('your new password again'),
});

export const setPasswordForm = z.object({
  newPassword: newPassword(),
  confirmPassword: password('your new password again'),
});

const uuid = (message: string) => z.string({ error: message }).regex(/^[0-9a-f-]{36}$/i, { error: message });

export const userDetailsForm = z.object({
  fullName: requiredText('Full name', 'their full name', 200),
  email: emailAddress('their email address'),
  role: choice(ROLES, 'Select a role'),
  organisationId: uuid('Select the organisation they act for'),
});

export const editUserForm = userDetailsForm.omit({ email: true });

export const userFilter = z.object({
  search: optionalText('Search', 100),
  role: z.enum(ROLES).optional().catch(undefined),
  status: z.enum(['invited', 'active', 'disabled']).optional().catch(undefined),
  page: z.string().optional(),
});

export type UserDetails = z.output<typeof userDetailsForm>;
