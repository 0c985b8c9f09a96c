package dev.zerowasm.spring.boot.autoconfigure.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal application whose package holds a guest interface found by scanning. */
@SpringBootApplication
public class GuestApplication {}
