// The route table of the web client. Pages usable without a session
// (sign-in, invitations, unsubscribing from digests) live under AuthLayout;
// signed-in pages under AccountLayout (no instance) or InstanceLayout
// (/i/:slug/…).
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { I18nProvider } from './i18n/i18n-provider';
import { HomeRedirect } from './navigation/home-redirect';
import { RedirectIfSignedIn } from './navigation/redirect-if-signed-in';
import { RequireSignedIn } from './navigation/require-signed-in';
import { AccountLayout } from './pages/account/account-layout';
import { ProfilePage } from './pages/account/profile-page';
import { SettingsPage } from './pages/account/settings-page';
import { AdminPage } from './pages/admin/admin-page';
import { AuthLayout } from './pages/auth/auth-layout';
import { ChatHome, ChatPage } from './pages/chat/chat-page';
import { ConversationView } from './pages/chat/conversation-view';
import { DrivePage } from './pages/drive/drive-page';
import { BookmarksPage } from './pages/feed/bookmarks-page';
import { FeedPage } from './pages/feed/feed-page';
import { PostDetailPage } from './pages/feed/post-detail-page';
import { GroupLayout } from './pages/groups/group-layout';
import { GroupMembersTab } from './pages/groups/group-members-tab';
import { GroupPostsTab } from './pages/groups/group-posts-tab';
import { GroupRequestsTab } from './pages/groups/group-requests-tab';
import { GroupSettingsTab } from './pages/groups/group-settings-tab';
import { GroupsPage } from './pages/groups/groups-page';
import { ForgotPasswordPage } from './pages/auth/forgot-password-page';
import { ResetPasswordPage } from './pages/auth/reset-password-page';
import { SignInPage } from './pages/auth/sign-in-page';
import { SignUpPage } from './pages/auth/sign-up-page';
import { ComingSoonPage } from './pages/instance/coming-soon-page';
import { INSTANCE_MODULES } from './pages/instance/instance-modules';
import { InstanceLayout } from './pages/instance/instance-layout';
import { MyInstancesPage } from './pages/instances/my-instances-page';
import { JoinPage } from './pages/join/join-page';
import { NotFoundPage } from './pages/not-found-page';
import { NotificationsPage } from './pages/notifications/notifications-page';
import { PeoplePage } from './pages/people/people-page';
import { PersonPage } from './pages/people/person-page';
import { SearchPage } from './pages/search/search-page';
import { UnsubscribePage } from './pages/unsubscribe/unsubscribe-page';
import { SessionProvider } from './session/session-provider';

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </SessionProvider>
    </I18nProvider>
  );
}

function AppRoutes() {
  return (
    <Routes>
      <Route index element={<HomeRedirect />} />

      <Route element={<AuthLayout />}>
        <Route element={<RedirectIfSignedIn />}>
          <Route path="sign-in" element={<SignInPage />} />
          <Route path="sign-up" element={<SignUpPage />} />
        </Route>
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route path="i/:slug/join" element={<JoinPage />} />
        <Route path="i/:slug/unsubscribe" element={<UnsubscribePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>

      <Route element={<RequireSignedIn />}>
        <Route element={<AccountLayout />}>
          <Route path="instances" element={<MyInstancesPage />} />
          <Route path="profile" element={<ProfilePage />} />
          <Route path="settings" element={<SettingsPage />} />
        </Route>
        <Route path="i/:slug" element={<InstanceLayout />}>
          <Route index element={<Navigate to="feed" replace />} />
          <Route path="feed" element={<FeedPage />} />
          <Route path="groups" element={<GroupsPage />} />
          <Route path="groups/:groupId" element={<GroupLayout />}>
            <Route index element={<GroupPostsTab />} />
            <Route path="members" element={<GroupMembersTab />} />
            <Route path="requests" element={<GroupRequestsTab />} />
            <Route path="settings" element={<GroupSettingsTab />} />
          </Route>
          <Route path="posts/:postId" element={<PostDetailPage />} />
          <Route path="bookmarks" element={<BookmarksPage />} />
          <Route path="notifications" element={<NotificationsPage />} />
          <Route path="people" element={<PeoplePage />} />
          <Route path="people/:userId" element={<PersonPage />} />
          <Route path="chat" element={<ChatPage />}>
            <Route index element={<ChatHome />} />
            <Route path=":conversationId" element={<ConversationView />} />
          </Route>
          <Route path="drive" element={<DrivePage />} />
          <Route path="search" element={<SearchPage />} />
          {INSTANCE_MODULES.filter((module) => module.comingSoon).map((module) => (
            <Route key={module.path} path={module.path} element={<ComingSoonPage module={module} />} />
          ))}
          <Route path="admin" element={<AdminPage />} />
          <Route path="profile" element={<ProfilePage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
