package dev.zerowasm.gojs.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JavaScript event loop of the emulated world: a queue of tasks (callbacks of {@code fs},
 * promise reactions), timers ({@code setTimeout}, used by Go's {@code scheduleTimeoutEvent}) and
 * completions of work running on other threads ({@code fetch}).
 *
 * <p>Everything but {@link External#complete} runs on the thread that runs the Go program. Timers
 * use the real monotonic clock ({@link System#nanoTime()}), as JavaScript's {@code setTimeout}
 * does, whatever clock the guest is shown.
 */
public final class EventLoop {
  /** Where the loop reads time and how it waits; replaceable for tests. */
  public interface Clock {
    /** Monotonic nanoseconds. */
    long nanoTime();

    /** Waits about {@code nanos} nanoseconds. */
    void sleep(long nanos) throws InterruptedException;
  }

  /** The real clock. */
  public static final Clock SYSTEM_CLOCK =
      new Clock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
          TimeUnit.NANOSECONDS.sleep(nanos);
        }
      };

  private static final class Timer implements Comparable<Timer> {
    final int id;
    final long deadline;
    final Runnable task;

    Timer(int id, long deadline, Runnable task) {
      this.id = id;
      this.deadline = deadline;
      this.task = task;
    }

    @Override
    public int compareTo(Timer o) {
      int c = Long.compare(deadline - o.deadline, 0);
      return c != 0 ? c : Integer.compare(id, o.id);
    }
  }

  /** A piece of work running elsewhere; the loop waits for it while nothing else is runnable. */
  public final class External {
    private boolean done;

    private External() {}

    /** Queues {@code task} to run on the loop thread; callable from any thread, once. */
    public void complete(Runnable task) {
      synchronized (this) {
        if (done) {
          throw new IllegalStateException("external operation completed twice");
        }
        done = true;
      }
      completions.add(
          () -> {
            pendingExternal--;
            task.run();
          });
    }
  }

  private final Clock clock;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private final LinkedBlockingQueue<Runnable> completions = new LinkedBlockingQueue<>();
  private final PriorityQueue<Timer> timerQueue = new PriorityQueue<>();
  private final Map<Integer, Timer> scheduled = new HashMap<>();
  private int nextTimerId = 1;
  private int pendingExternal;

  /** A loop on {@code clock}. */
  public EventLoop(Clock clock) {
    this.clock = clock;
  }

  /** Queues {@code task} to run after the tasks already queued. */
  public void post(Runnable task) {
    tasks.addLast(task);
  }

  /** Starts an external operation: the loop keeps waiting until it completes. */
  public External beginExternal() {
    pendingExternal++;
    return new External();
  }

  /**
   * {@code setTimeout}: runs {@code task} after {@code delayMillis} ms. The timer stays {@link
   * #isScheduled scheduled}, even after it fired, until {@link #clearTimeout} (as Go's runtime
   * expects).
   */
  public int setTimeout(long delayMillis, Runnable task) {
    int id = nextTimerId++;
    long delay = Math.max(0, Math.min(delayMillis, Long.MAX_VALUE / 2_000_000));
    Timer t = new Timer(id, clock.nanoTime() + delay * 1_000_000, task);
    scheduled.put(id, t);
    timerQueue.add(t);
    return id;
  }

  /** {@code clearTimeout}: forgets timer {@code id}; unknown ids are ignored. */
  public void clearTimeout(int id) {
    Timer t = scheduled.remove(id);
    if (t != null) {
      timerQueue.remove(t);
    }
  }

  /** Whether timer {@code id} was set and not cleared. */
  public boolean isScheduled(int id) {
    return scheduled.containsKey(id);
  }

  /** Whether any task, unfired timer or external operation is left. */
  public boolean hasWork() {
    return !tasks.isEmpty()
        || !timerQueue.isEmpty()
        || pendingExternal > 0
        || !completions.isEmpty();
  }

  /**
   * The next thing to run, waiting for a timer or an external completion if needed; null when
   * nothing is left to wait for (JavaScript would exit here).
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public Runnable next() throws InterruptedException {
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException("Go event loop interrupted");
      }
      completions.drainTo(tasks);
      // As Node's loop, which runs due timers before I/O callbacks in each turn: a steady stream
      // of callbacks cannot starve the timers.
      Timer due = timerQueue.peek();
      if (due != null && due.deadline - clock.nanoTime() <= 0) {
        timerQueue.poll();
        return due.task;
      }
      Runnable task = tasks.pollFirst();
      if (task != null) {
        return task;
      }
      Timer timer = timerQueue.peek();
      if (timer != null) {
        long wait = timer.deadline - clock.nanoTime();
        if (wait <= 0) {
          timerQueue.poll();
          return timer.task;
        }
        if (pendingExternal > 0) {
          Runnable done = completions.poll(wait, TimeUnit.NANOSECONDS);
          if (done != null) {
            return done;
          }
        } else {
          clock.sleep(wait);
        }
        continue;
      }
      if (pendingExternal > 0) {
        return completions.take();
      }
      return null;
    }
  }
}
