/**
 * What a run is asked to do: every run option declared once ({@link dev.callq.bench.options.RunArguments},
 * the picocli mixin that run, sweep, plan, max-rate and suite share), typed
 * ({@link dev.callq.bench.options.RunOptions}, which the command line and code both build), with every default in
 * {@link dev.callq.bench.options.RunDefaults} and every refused combination in
 * {@link dev.callq.bench.options.RunRules}; a forked run's options file
 * ({@link dev.callq.bench.options.RunOptionsFile}); and the checked configuration a run executes,
 * {@link dev.callq.bench.options.RunConfig}. Nothing here starts a process. Layer: above {@code fault}, whose
 * specifications an option holds; below {@code run}.
 */
package dev.callq.bench.options;
