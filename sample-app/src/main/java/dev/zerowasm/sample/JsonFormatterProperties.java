package dev.zerowasm.sample;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Settings of the Go tool {@code jsonfmt} ({@code sample.jsonfmt.*} in {@code application.yml}).
 *
 * @param location the Go {@code GOOS=js} binary
 * @param maxConcurrentRuns how many runs may go on at once (each holds a request thread)
 * @param maxWait how long a request waits for a run to finish when all are taken, before it gets
 *     503
 * @param callTimeout longest the program may run without returning to gojs's event loop
 */
@ConfigurationProperties("sample.jsonfmt")
public record JsonFormatterProperties(
    @DefaultValue("classpath:wasm/jsonfmt.wasm") Resource location,
    @DefaultValue("4") int maxConcurrentRuns,
    @DefaultValue("1s") Duration maxWait,
    @DefaultValue("5s") Duration callTimeout) {}
