package de.kommunalmarkt.testsupport.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The command line of a benchmark's main: {@code --name value} pairs, as the services' {@code bench/run.sh} pass them. */
public final class BenchOptions {

    private BenchOptions() {
    }

    public static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
