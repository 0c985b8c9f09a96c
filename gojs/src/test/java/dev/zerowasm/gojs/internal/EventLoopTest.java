package dev.zerowasm.gojs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLoopTest {
  /** A clock whose sleep advances time instantly. */
  static final class FakeClock implements EventLoop.Clock {
    long now;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleep(long nanos) {
      now += nanos;
    }
  }

  private static void drain(EventLoop loop) throws InterruptedException {
    Runnable r;
    while ((r = loop.next()) != null) {
      r.run();
    }
  }

  @Test
  void tasksRunInOrderBeforeTimersAndTimersByDeadline() throws Exception {
    FakeClock clock = new FakeClock();
    EventLoop loop = new EventLoop(clock);
    List<String> log = new ArrayList<>();
    loop.setTimeout(20, () -> log.add("t20@" + clock.now / 1_000_000));
    loop.setTimeout(10, () -> log.add("t10@" + clock.now / 1_000_000));
    int cleared = loop.setTimeout(5, () -> log.add("cleared"));
    loop.setTimeout(10, () -> log.add("t10b"));
    loop.post(() -> log.add("task1"));
    loop.post(() -> log.add("task2"));
    loop.clearTimeout(cleared);
    assertThat(loop.isScheduled(cleared)).isFalse();
    drain(loop);
    assertThat(log).containsExactly("task1", "task2", "t10@10", "t10b", "t20@20");
    assertThat(loop.hasWork()).isFalse();
  }

  @Test
  void dueTimersRunBeforeQueuedTasks() throws Exception {
    FakeClock clock = new FakeClock();
    EventLoop loop = new EventLoop(clock);
    List<String> log = new ArrayList<>();
    loop.setTimeout(1, () -> log.add("timer"));
    // A task that keeps queueing tasks, like a program doing I/O in a loop.
    int[] n = {0};
    Runnable[] busy = new Runnable[1];
    busy[0] =
        () -> {
          log.add("task" + n[0]);
          clock.now += 600_000;
          if (++n[0] < 4) {
            loop.post(busy[0]);
          }
        };
    loop.post(busy[0]);
    drain(loop);
    assertThat(log).containsExactly("task0", "task1", "timer", "task2", "task3");
  }

  @Test
  void aFiredTimerStaysScheduledUntilCleared() throws Exception {
    EventLoop loop = new EventLoop(new FakeClock());
    int id = loop.setTimeout(0, () -> {});
    loop.next().run();
    assertThat(loop.isScheduled(id)).isTrue();
    assertThat(loop.next()).isNull();
    loop.clearTimeout(id);
    assertThat(loop.isScheduled(id)).isFalse();
  }

  @Test
  void waitsForExternalCompletionsFromOtherThreads() throws Exception {
    EventLoop loop = new EventLoop(EventLoop.SYSTEM_CLOCK);
    EventLoop.External op = loop.beginExternal();
    List<String> log = new ArrayList<>();
    Thread t = new Thread(() -> op.complete(() -> log.add("done")));
    t.start();
    drain(loop);
    t.join();
    assertThat(log).containsExactly("done");
    assertThat(loop.hasWork()).isFalse();
  }

  @Test
  void interruptionStopsTheWait() {
    EventLoop loop = new EventLoop(EventLoop.SYSTEM_CLOCK);
    loop.beginExternal();
    Thread.currentThread().interrupt();
    try {
      loop.next();
      throw new AssertionError("expected interruption");
    } catch (InterruptedException expected) {
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
  }
}
