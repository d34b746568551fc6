#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| zonesite::fuzz::front_matter(data));
