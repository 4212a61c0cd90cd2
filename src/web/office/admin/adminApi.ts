// The administration's calls, over the one typed client (ui/api.ts `request`); body types from common/admin.ts.
import type {
  AdminUserView,
  FaqAdminArticle,
  FaqAdminItem,
  FaqCreateBody,
  FaqPreview,
  FaqSettingsBody,
  FaqText,
  KioskAdminView,
  KioskEditBody,
  UserEditBody,
  UserInviteBody,
  UserInvited,
} from '../../../common/admin.js';
import type { KioskInfo, PairKioskBody, PasswordReset } from '../../ui/api.js';
import type { Role } from '../../../common/statuses.js';
import { request } from '../../ui/api.js';
import type { AdminSettings, SettingsPatch } from '../../../common/settings.js';

export type * from '../../../common/admin.js';

const id = (value: string) => encodeURIComponent(value);

export const adminApi = {
  faqList: () => request<FaqAdminItem[]>('GET', '/api/admin/faq'),
  faqArticle: (articleId: string) => request<FaqAdminArticle>('GET', `/api/admin/faq/${id(articleId)}`),
  faqCreate: (body: FaqCreateBody) => request<FaqAdminArticle>('POST', '/api/admin/faq', body),
  faqSaveDraft: (articleId: string, text: FaqText) =>
    request<FaqAdminArticle>('PUT', `/api/admin/faq/${id(articleId)}/draft`, text),
  faqDiscardDraft: (articleId: string) =>
    request<FaqAdminArticle>('DELETE', `/api/admin/faq/${id(articleId)}/draft`),
  faqPublish: (articleId: string) =>
    request<FaqAdminArticle>('POST', `/api/admin/faq/${id(articleId)}/publish`),
  faqUnpublish: (articleId: string) =>
    request<FaqAdminArticle>('POST', `/api/admin/faq/${id(articleId)}/unpublish`),
  faqSettings: (articleId: string, body: FaqSettingsBody) =>
    request<FaqAdminArticle>('PATCH', `/api/admin/faq/${id(articleId)}`, body),
  faqPreview: (markdown: string) => request<FaqPreview>('POST', '/api/admin/faq/preview', { markdown }),

  kiosks: () => request<KioskAdminView[]>('GET', '/api/admin/kiosks'),
  pairKiosk: (body: PairKioskBody) => request<KioskInfo>('POST', '/api/admin/kiosks', body),
  editKiosk: (kioskId: string, body: KioskEditBody) =>
    request<KioskAdminView>('PATCH', `/api/admin/kiosks/${id(kioskId)}`, body),
  revokeKiosk: (kioskId: string) => request<void>('POST', `/api/admin/kiosks/${id(kioskId)}/revoke`),

  users: () => request<AdminUserView[]>('GET', '/api/admin/users'),
  invite: (body: UserInviteBody) => request<UserInvited>('POST', '/api/admin/users', body),
  editUser: (userId: string, body: UserEditBody) =>
    request<AdminUserView>('PATCH', `/api/admin/users/${id(userId)}`, body),
  setRoles: (userId: string, roles: Role[]) =>
    request<AdminUserView>('PUT', `/api/admin/users/${id(userId)}/roles`, { roles }),
  resetPassword: (userId: string, resetTotp: boolean) =>
    request<PasswordReset>('POST', `/api/admin/users/${id(userId)}/reset-password`, { resetTotp }),
  deactivate: (userId: string) => request<AdminUserView>('POST', `/api/admin/users/${id(userId)}/deactivate`),
  reactivate: (userId: string) => request<AdminUserView>('POST', `/api/admin/users/${id(userId)}/reactivate`),

  settings: () => request<AdminSettings>('GET', '/api/admin/settings'),
  updateSettings: (patch: SettingsPatch) => request<AdminSettings>('PATCH', '/api/admin/settings', patch),
  setLogo: (picture: Blob) => request<AdminSettings>('PUT', '/api/admin/settings/logo', picture),
  removeLogo: () => request<AdminSettings>('DELETE', '/api/admin/settings/logo'),
};
