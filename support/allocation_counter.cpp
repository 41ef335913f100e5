#include "support/allocation_counter.hpp"

#include <atomic>
#include <cstdlib>
#include <new>

namespace {

std::atomic<long> count{0};

void* allocate(std::size_t size) noexcept {
  count.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}

// Out of line, so that GCC does not pair the malloc in allocate() with this free and warn.
[[gnu::noinline]] void release(void* p) noexcept {
  std::free(p);
}

} // namespace

long tofmap::support::allocations() {
  return count.load();
}

void* operator new(std::size_t size) {
  if (void* p = allocate(size))
    return p;
  throw std::bad_alloc{};
}

void* operator new[](std::size_t size) {
  if (void* p = allocate(size))
    return p;
  throw std::bad_alloc{};
}

void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return allocate(size);
}

void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return allocate(size);
}

void operator delete(void* p) noexcept {
  release(p);
}

void operator delete[](void* p) noexcept {
  release(p);
}

void operator delete(void* p, std::size_t) noexcept {
  release(p);
}

void operator delete[](void* p, std::size_t) noexcept {
  release(p);
}

void operator delete(void* p, const std::nothrow_t&) noexcept {
  release(p);
}

void operator delete[](void* p, const std::nothrow_t&) noexcept {
  release(p);
}
