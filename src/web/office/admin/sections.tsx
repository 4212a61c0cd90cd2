// The administration's sections, in the order of its menu: each is a screen of its own under /office/admin/<slug>.
// A new section is one line here.
import type { ComponentType } from 'react';
import { NotificationsScreen } from '../screens/NotificationsScreen.js';
import { DirectoryAdmin } from './DirectoryAdmin.js';
import { CategoriesAdmin } from './CategoriesAdmin.js';
import { ImportExport } from './ImportExport.js';
import { FaqAdmin } from './FaqAdmin.js';
import { KiosksAdmin } from './KiosksAdmin.js';
import { UsersAdmin } from './UsersAdmin.js';
import { PrivacyAdmin } from './PrivacyAdmin.js';
import { ApiKeysAdmin } from './ApiKeysAdmin.js';
import { CalendarScreen } from '../screens/CalendarScreen.js';
import { SettingsAdmin } from './SettingsAdmin.js';

export interface AdminSection {
  slug: string;
  /** i18n key of the section's name in the menu. */
  titleKey: string;
  Screen: ComponentType;
}

export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { slug: 'messages', titleKey: 'office.notifications.link', Screen: NotificationsScreen },
  { slug: 'directory', titleKey: 'office.directory.link', Screen: DirectoryAdmin },
  { slug: 'topics', titleKey: 'office.directory.categories.link', Screen: CategoriesAdmin },
  { slug: 'directory-file', titleKey: 'office.directory.io.link', Screen: ImportExport },
  { slug: 'reference', titleKey: 'office.adminFaq.link', Screen: FaqAdmin },
  { slug: 'kiosks', titleKey: 'office.adminKiosks.link', Screen: KiosksAdmin },
  { slug: 'users', titleKey: 'office.adminUsers.link', Screen: UsersAdmin },
  { slug: 'privacy', titleKey: 'office.privacy.link', Screen: PrivacyAdmin },
  { slug: 'api-keys', titleKey: 'office.apiKeys.link', Screen: ApiKeysAdmin },
  { slug: 'calendar', titleKey: 'office.calendar.link', Screen: CalendarScreen },
  { slug: 'settings', titleKey: 'office.settings.link', Screen: SettingsAdmin },
];
