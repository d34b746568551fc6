#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| zonesite::fuzz::pictures(data));
