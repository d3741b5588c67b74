rootProject.name = {{ name }}
