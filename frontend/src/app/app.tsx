import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { RouterProvider } from "react-router";
import { router } from "@/app/router";
import { SessionProvider } from "@/app/session";
import { theme } from "@/app/theme";

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      {/* Bottom right: never over the header's menus; at most 5 at once. */}
      <Notifications position="bottom-right" limit={5} />
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </MantineProvider>
  );
}
