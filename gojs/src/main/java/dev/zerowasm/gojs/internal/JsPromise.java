package dev.zerowasm.gojs.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A JavaScript {@code Promise} with {@code then}: reactions run as event-loop tasks once it
 * settles. It does not adopt the state of a promise it is resolved with (Go never does that).
 */
public final class JsPromise extends JsObject {
  private enum State {
    PENDING,
    FULFILLED,
    REJECTED
  }

  private final EventLoop loop;
  private State state = State.PENDING;
  private Object result;
  private final List<Runnable> reactions = new ArrayList<>();

  /** A pending promise whose reactions run on {@code loop}. */
  public JsPromise(EventLoop loop) {
    this.loop = loop;
    method("then", (self, args) -> then(arg(args, 0), arg(args, 1)));
    method("catch", (self, args) -> then(Undefined.INSTANCE, arg(args, 0)));
  }

  /** Fulfills the promise with {@code value}; ignored if already settled. Loop thread only. */
  public void resolve(Object value) {
    settle(State.FULFILLED, value);
  }

  /** Rejects the promise with {@code reason}; ignored if already settled. Loop thread only. */
  public void reject(Object reason) {
    settle(State.REJECTED, reason);
  }

  private void settle(State s, Object value) {
    if (state != State.PENDING) {
      return;
    }
    state = s;
    result = value;
    for (Runnable r : reactions) {
      loop.post(r);
    }
    reactions.clear();
  }

  /** {@code promise.then(onFulfilled, onRejected)}: a new promise of the handler's result. */
  public JsPromise then(Object onFulfilled, Object onRejected) {
    JsPromise next = new JsPromise(loop);
    Runnable reaction =
        () -> {
          Object handler = state == State.FULFILLED ? onFulfilled : onRejected;
          if (!(handler instanceof JsFunction)) {
            next.settle(state, result);
            return;
          }
          Object out;
          try {
            out =
                ((JsFunction) handler).apply(Undefined.INSTANCE, Collections.singletonList(result));
          } catch (JsException e) {
            next.reject(e.value());
            return;
          }
          next.resolve(out);
        };
    if (state == State.PENDING) {
      reactions.add(reaction);
    } else {
      loop.post(reaction);
    }
    return next;
  }

  @Override
  public String toString() {
    return "[object Promise]";
  }
}
