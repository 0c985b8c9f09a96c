package dev.zerowasm.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every public exception type of zerowasm's API (runtime, WASI, gojs, CLI, starter: any public
 * {@link Throwable} under {@code dev.zerowasm} outside {@code internal} packages) is explained in
 * docs/troubleshooting.md, so a new exception cannot ship undocumented.
 */
class ExceptionsDocTest {

  @Test
  void everyPublicExceptionIsInTheTroubleshootingPage() throws ClassNotFoundException {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false) {
          @Override
          protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
            return true; // nested and abstract classes too
          }
        };
    scanner.addIncludeFilter(new AssignableTypeFilter(Throwable.class));
    List<String> exceptions = new ArrayList<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents("dev.zerowasm")) {
      String name = candidate.getBeanClassName();
      if (name.startsWith("dev.zerowasm.docs.") || name.contains(".internal.")) {
        continue;
      }
      Class<?> type = ClassUtils.forName(name, getClass().getClassLoader());
      boolean exported =
          Modifier.isPublic(type.getModifiers())
              && (type.getEnclosingClass() == null
                  || Modifier.isPublic(type.getEnclosingClass().getModifiers()));
      if (exported) {
        exceptions.add(type.getSimpleName());
      }
    }
    assertThat(exceptions)
        .as("the scan finds the API's exceptions")
        .contains("CompileException", "WasmCallException", "NoSuchWasmModuleException");
    String page = String.join("\n", Docs.lines(Docs.page("troubleshooting.md")));
    for (String exception : exceptions) {
      assertThat(page).as("docs/troubleshooting.md explains %s", exception)
          .contains("`" + exception + "`");
    }
  }
}
