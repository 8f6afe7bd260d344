import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_shows_the_bloc_of_the_officers_unit(client, world):
    client.force_login(world.officer_a)
    content = client.get(reverse("core:home")).content.decode()
    assert "Khối các cơ quan tham mưu" in content
    assert "Khối trưởng" in content


def test_home_shows_the_bloc_the_secretariat_serves(client, world):
    client.force_login(world.secretariat)
    content = client.get(reverse("core:home")).content.decode()
    assert "Thư ký Khối các cơ quan tham mưu" in content


def test_home_page_queries_do_not_grow_with_blocs(client, world, django_assert_max_num_queries):
    from thidua.emulation.tests.factories import BlocFactory, member_add

    for index in range(10):
        member_add(BlocFactory(province=world.p, name=f"Khối {index}"), world.a, year=2000 + index)
    client.force_login(world.head_a)
    with django_assert_max_num_queries(12):
        client.get(reverse("core:home"))
