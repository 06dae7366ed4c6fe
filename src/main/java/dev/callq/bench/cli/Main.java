package dev.callq.bench.cli; public class Main { public static void main(String[] a) {} }
