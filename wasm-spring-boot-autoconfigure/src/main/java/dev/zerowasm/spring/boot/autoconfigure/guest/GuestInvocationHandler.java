package dev.zerowasm.spring.boot.autoconfigure.guest;

import dev.zerowasm.spring.boot.autoconfigure.ModulePool;
import dev.zerowasm.spring.boot.autoconfigure.ModuleRegistry;
import dev.zerowasm.spring.boot.autoconfigure.NoSuchWasmModuleException;
import dev.zerowasm.spring.boot.autoconfigure.WasmConfigurationException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Dispatches the methods of a guest-interface proxy to their {@link GuestMethod}s. */
final class GuestInvocationHandler implements InvocationHandler {

  private final Class<?> type;
  private final String moduleName;
  private final Map<Method, GuestMethod> methods;

  private GuestInvocationHandler(
      Class<?> type, String moduleName, Map<Method, GuestMethod> methods) {
    this.type = type;
    this.moduleName = moduleName;
    this.methods = methods;
  }

  /**
   * A proxy of {@code type} calling the module its {@link WasmModule} names.
   *
   * @throws WasmConfigurationException if the module is missing or a method does not match its
   *     export
   */
  static <T> T createProxy(Class<T> type, ModuleRegistry registry) {
    String moduleName = type.getAnnotation(WasmModule.class).value();
    ModulePool pool;
    try {
      pool = registry.getPool(moduleName);
    } catch (NoSuchWasmModuleException e) {
      throw new WasmConfigurationException(
          "Guest interface "
              + type.getName()
              + " is bound to wasm module \""
              + moduleName
              + "\", which is not registered; registered modules: "
              + registry.getModuleNames(),
          "wasm.modules." + moduleName + ".location",
          "Configure wasm.modules." + moduleName + ".location, or fix the name in @WasmModule.",
          e);
    }
    Map<Method, GuestMethod> methods = new HashMap<>();
    for (Method method : type.getMethods()) {
      if (Modifier.isStatic(method.getModifiers()) || method.isDefault()) {
        continue;
      }
      methods.put(method, GuestMethod.of(type, method, pool));
    }
    Object proxy =
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            new GuestInvocationHandler(type, moduleName, methods));
    return type.cast(proxy);
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    GuestMethod guest = methods.get(method);
    if (guest != null) {
      return guest.invoke(args == null ? new Object[0] : args);
    }
    if (method.isDefault()) {
      return InvocationHandler.invokeDefault(proxy, method, args);
    }
    // java.lang.Object's methods.
    switch (method.getName()) {
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return "wasm guest proxy " + type.getName() + " -> module \"" + moduleName + "\"";
      default:
        throw new UnsupportedOperationException(method.toString());
    }
  }
}
