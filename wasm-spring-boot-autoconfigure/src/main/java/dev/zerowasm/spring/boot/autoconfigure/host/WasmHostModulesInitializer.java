package dev.zerowasm.spring.boot.autoconfigure.host;

import dev.zerowasm.HostModuleBuilder;
import dev.zerowasm.Runtime;
import dev.zerowasm.spring.boot.autoconfigure.WasmConfigurationException;
import dev.zerowasm.spring.boot.autoconfigure.WasmRuntimeInitializer;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Instantiates the host modules defined by {@link WasmHostModule} beans through the runtime's
 * {@link HostModuleBuilder}, before any guest module is compiled, so guests can import them. Runs
 * first among the {@link WasmRuntimeInitializer}s.
 */
public final class WasmHostModulesInitializer implements WasmRuntimeInitializer, Ordered {

  private final ListableBeanFactory beanFactory;

  /** An initializer for the {@link WasmHostModule} beans of {@code beanFactory}. */
  public WasmHostModulesInitializer(ListableBeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public void initialize(Runtime runtime) {
    // Group the beans by module name so that several beans can make up one module.
    Map<String, List<Map.Entry<String, Object>>> byModule = new LinkedHashMap<>();
    for (String beanName : beanFactory.getBeanNamesForAnnotation(WasmHostModule.class)) {
      Object bean = beanFactory.getBean(beanName);
      WasmHostModule annotation = beanFactory.findAnnotationOnBean(beanName, WasmHostModule.class);
      byModule
          .computeIfAbsent(annotation.value(), k -> new ArrayList<>())
          .add(Map.entry(beanName, bean));
    }
    for (Map.Entry<String, List<Map.Entry<String, Object>>> module : byModule.entrySet()) {
      String moduleName = module.getKey();
      HostModuleBuilder builder = runtime.newHostModuleBuilder(moduleName);
      for (Map.Entry<String, Object> bean : module.getValue()) {
        addExports(builder, moduleName, bean.getKey(), bean.getValue());
      }
      try {
        builder.instantiate();
      } catch (RuntimeException e) {
        throw new WasmConfigurationException(
            "Host module \"" + moduleName + "\" cannot be instantiated: " + e.getMessage(),
            null,
            "Give the host module a name no other module uses.",
            e);
      }
    }
  }

  private static void addExports(
      HostModuleBuilder builder, String moduleName, String beanName, Object bean) {
    // Annotations live on the user's class, not on a CGLIB subclass Spring may have made.
    Class<?> type = ClassUtils.getUserClass(bean);
    List<Method> methods = new ArrayList<>();
    ReflectionUtils.doWithMethods(
        type,
        methods::add,
        m -> AnnotatedElementUtils.hasAnnotation(m, WasmExport.class) && !m.isBridge());
    // Declaration order is not guaranteed by reflection; sort for a stable export order.
    methods.sort(Comparator.comparing(Method::getName));
    if (methods.isEmpty()) {
      throw new WasmConfigurationException(
          "Bean '"
              + beanName
              + "' ("
              + type.getName()
              + ") is a @WasmHostModule(\""
              + moduleName
              + "\") without @WasmExport methods",
          null,
          "Annotate the methods guests may call with @WasmExport.",
          null);
    }
    for (Method method : methods) {
      WasmExport export = AnnotatedElementUtils.findMergedAnnotation(method, WasmExport.class);
      String name = export.value().isEmpty() ? method.getName() : export.value();
      try {
        builder.newFunctionBuilder().withFunc(method, bean).export(name);
      } catch (IllegalArgumentException e) {
        throw new WasmConfigurationException(
            "Host function \""
                + moduleName
                + "\".\""
                + name
                + "\" ("
                + type.getSimpleName()
                + "."
                + method.getName()
                + " of bean '"
                + beanName
                + "') cannot be exported: "
                + e.getMessage(),
            null,
            "Use int, long, float or double parameters (optionally after a leading Module) and a"
                + " void or primitive result, and export each name once per module.",
            e);
      }
    }
  }
}
