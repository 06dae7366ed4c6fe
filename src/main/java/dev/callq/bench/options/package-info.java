/**
 * What a run is asked to do: every run option declared once, as a field of
 * {@link dev.callq.bench.options.RunOptions} (name, default, help text, type and the check of its value in its
 * {@code @Option}), which the command line fills and code builds; how each type is read from text and written back
 * ({@link dev.callq.bench.options.OptionText}); the defaults that depend on another option or that other commands
 * share ({@link dev.callq.bench.options.RunDefaults}); every refused combination
 * ({@link dev.callq.bench.options.RunRules}); a forked run's options file, written from the options object
 * ({@link dev.callq.bench.options.RunOptionsFile}); and the checked configuration a run executes,
 * {@link dev.callq.bench.options.RunConfig}. Nothing here starts a process. Layer: above {@code fault}, whose
 * specifications an option holds; below {@code run}.
 */
package dev.callq.bench.options;
