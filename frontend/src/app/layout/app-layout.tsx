import {
  ActionIcon,
  AppShell,
  Avatar,
  Burger,
  Group,
  Menu,
  NavLink,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
  useComputedColorScheme,
  useMantineColorScheme,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconBrandDocker,
  IconBell,
  IconBellOff,
  IconChevronDown,
  IconCpu,
  IconDatabase,
  IconListDetails,
  IconLogout,
  IconMoon,
  IconSun,
} from "@tabler/icons-react";
import { Suspense } from "react";
import { Link, NavLink as RouterNavLink, Outlet, useNavigate } from "react-router";
import { useCurrentUser } from "@/app/current-user";
import { LiveIndicator } from "@/app/layout/live-indicator";
import { Logo } from "@/app/layout/logo";
import { useSessionControl } from "@/app/session-control";
import { LoadingState } from "@/components/states";
import { paths } from "@/config/paths";
import { useLogout } from "@/features/auth/api/logout";
import { useTaskEndNotices } from "@/features/tasks/hooks/use-task-end-notices";
import { setBrowserNotifications, useBrowserNotifications } from "@/lib/browser-notifications";

const NAV = [
  { to: paths.images, label: "Images", icon: IconBrandDocker },
  { to: paths.algorithms, label: "Algorithms", icon: IconCpu },
  { to: paths.datasets, label: "Datasets", icon: IconDatabase },
  { to: paths.tasks, label: "Tasks", icon: IconListDetails },
] as const;

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const user = useCurrentUser();
  const navigate = useNavigate();
  const session = useSessionControl();
  const [, logout] = useLogout();
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme("light");
  const browserNotices = useBrowserNotifications();

  const signOut = async () => {
    await logout({});
    session.restart();
    await navigate(paths.login(), { replace: true });
  };

  return (
    <>
      <TaskEndNotices userId={user.id} />
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !opened } }}
        padding={{ base: "sm", sm: "lg" }}
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label="Toggle navigation"
              />
              <UnstyledButton component={Link} to={paths.home} aria-label="OASIS home">
                <Logo />
              </UnstyledButton>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <LiveIndicator />
              <Tooltip label={scheme === "dark" ? "Light theme" : "Dark theme"} withArrow>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="lg"
                  onClick={() => {
                    setColorScheme(scheme === "dark" ? "light" : "dark");
                  }}
                  aria-label={scheme === "dark" ? "Use the light theme" : "Use the dark theme"}
                >
                  {scheme === "dark" ? <IconSun size={18} /> : <IconMoon size={18} />}
                </ActionIcon>
              </Tooltip>
              <Menu position="bottom-end" withArrow shadow="md" width={200}>
                <Menu.Target>
                  <UnstyledButton aria-label={`Account: ${user.username}`} data-testid="user-menu">
                    <Group gap={8} wrap="nowrap">
                      <Avatar size={30} radius="xl" color="cyan">
                        {user.username.slice(0, 2).toUpperCase()}
                      </Avatar>
                      <Text size="sm" fw={500} visibleFrom="xs">
                        {user.username}
                      </Text>
                      <IconChevronDown size={14} />
                    </Group>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>
                    Signed in as <b>{user.username}</b>
                    {user.isStaff ? " (staff)" : ""}
                  </Menu.Label>
                  {browserNotices === "unsupported" ? null : (
                    <Menu.Item
                      leftSection={
                        browserNotices === "on" ? <IconBell size={16} /> : <IconBellOff size={16} />
                      }
                      disabled={browserNotices === "denied"}
                      onClick={() => void setBrowserNotifications(browserNotices !== "on")}
                      data-testid="browser-notifications-toggle"
                    >
                      {browserNotices === "on"
                        ? "Desktop notifications: on"
                        : browserNotices === "denied"
                          ? "Desktop notifications: blocked by the browser"
                          : "Desktop notifications: off"}
                    </Menu.Item>
                  )}
                  <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
                    Sign out
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" aria-label="Main">
          <Stack gap={4} component="nav">
            {NAV.map((item) => (
              <NavLink
                key={item.to}
                component={RouterNavLink}
                to={item.to}
                label={item.label}
                leftSection={<item.icon size={18} stroke={1.7} />}
                onClick={close}
                style={{ borderRadius: "var(--mantine-radius-md)" }}
                fw={500}
              />
            ))}
          </Stack>
        </AppShell.Navbar>
        <AppShell.Main>
          <Suspense fallback={<LoadingState />}>
            <div style={{ maxWidth: 1400, margin: "0 auto" }}>
              <Outlet />
            </div>
          </Suspense>
        </AppShell.Main>
      </AppShell>
    </>
  );
}

/**
 * Listens for the user's tasks ending (notices, tab title and icon). A component of its own: its state
 * changes with every frame of live task updates, which must not render the whole layout again.
 */
function TaskEndNotices({ userId }: { readonly userId: string }) {
  useTaskEndNotices(userId);
  return null;
}
