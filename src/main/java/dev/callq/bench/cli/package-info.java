/**
 * The {@code callq} command line: one picocli command per subcommand, which parses and checks its
 * options, calls the package that does the work, prints where the results went and returns the exit
 * code. Searching, planning, measuring and reporting belong to the packages below; a command holds no
 * rule another command or package also needs. Top layer: nothing imports it.
 */
package dev.callq.bench.cli;
