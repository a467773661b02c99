import { notifications } from "@mantine/notifications";
import { errorsSentence, type MutationOutcome } from "@/lib/operation-info";

interface OutcomeMessages {
  /** Shown in green when the mutation succeeded; nothing is shown when omitted. */
  readonly success?: string;
  /** Title of the red notification that lists the errors. */
  readonly failure: string;
}

/** Tells the user how a mutation went, as a notification; returns whether it succeeded. */
export function notifyOutcome(outcome: MutationOutcome<unknown>, messages: OutcomeMessages): boolean {
  if (outcome.ok) {
    if (messages.success) notifications.show({ color: "teal", message: messages.success });
  } else {
    notifications.show({ color: "red", title: messages.failure, message: errorsSentence(outcome.errors) });
  }
  return outcome.ok;
}
