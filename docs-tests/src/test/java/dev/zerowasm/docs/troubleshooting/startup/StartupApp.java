package dev.zerowasm.docs.troubleshooting.startup;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** An application with no beans of its own: startup failures come from properties alone. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class StartupApp {}
