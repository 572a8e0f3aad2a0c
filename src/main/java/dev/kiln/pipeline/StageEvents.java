package dev.kiln.pipeline;

import dev.kiln.dockerfile.instructions.Stage;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;

/** Events of one stage while stages build concurrently: RUN output lines carry the stage's name, as step lines do. */
final class StageEvents {
    private StageEvents() {}

    static EventSink labelled(EventSink events, Stage st) {
        String prefix = "[" + StageBuilder.stageLabel(st) + "] ";
        return e -> events.emit(e instanceof Event.RunOutput r ? new Event.RunOutput(prefix + r.line(), r.stderr()) : e);
    }
}
