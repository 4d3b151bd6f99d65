// The frame of the signed-in pages that belong to no instance: the instances
// list, and the profile and settings reached from there.
import { Outlet } from 'react-router';
import { AppFrame } from '../../components/app-frame';

export function AccountLayout() {
  return <AppFrame accountBase="" content={<Outlet />} />;
}
