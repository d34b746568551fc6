#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| zonesite::fuzz::fact_sheet(data));
